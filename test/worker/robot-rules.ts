// Node-side test helper: what the two group robots check and answer, per their documentation, for
// test/worker/webhook-receiver.ts.
// - DingTalk (/dingtalk/…?access_token=T[&timestamp&sign]): body {msgtype:"markdown", markdown:{title, text}};
//   with 加签 (this stand-in's robot for token T has secret "SEC" + T when T starts with "signed-") the URL must carry
//   timestamp (ms, within 1 hour of now) and sign = urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret)));
//   at most 20 messages a minute per robot. Errors: 310000 (sign not match / invalid timestamp), 300001 (token
//   missing), 40035 (missing parameter), 130101 (send too fast).
// - WeCom (/wecom/…?key=K): body {msgtype:"markdown", markdown:{content ≤ 4096 bytes}}; 20 a minute per robot.
//   Errors: 93000 (invalid webhook url), 40058 (content too long / missing), 45009 (api freq out of limit).
import { createHmac } from 'node:crypto';

export interface RobotAnswer {
  errcode: number;
  errmsg: string;
}

const OK: RobotAnswer = { errcode: 0, errmsg: 'ok' };
const sentAt = new Map<string, number[]>();

/** As if a minute had passed for every robot (a test's next hourly run comes seconds later in real time). */
export function forgetRecentMessages(): void {
  sentAt.clear();
}

/** Counts one message to a robot; true when it is over 20 in the last minute. */
function overLimit(robot: string, now: number): boolean {
  const recent = (sentAt.get(robot) ?? []).filter((t) => now - t < 60_000);
  recent.push(now);
  sentAt.set(robot, recent);
  return recent.length > 20;
}

function parse(body: string): Record<string, unknown> | null {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function dingTalkAnswer(url: URL, body: string, now = Date.now()): RobotAnswer {
  const token = url.searchParams.get('access_token');
  if (!token) return { errcode: 300001, errmsg: 'token is not exist' };
  if (token.startsWith('signed-')) {
    const secret = `SEC${token}`;
    const timestamp = Number(url.searchParams.get('timestamp'));
    if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > 3_600_000)
      return { errcode: 310000, errmsg: 'invalid timestamp' };
    // URLSearchParams already URL-decoded the sign once, as DingTalk's server does.
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    if (url.searchParams.get('sign') !== expected) return { errcode: 310000, errmsg: 'sign not match' };
  }
  const msg = parse(body);
  const md = msg?.markdown as { title?: unknown; text?: unknown } | undefined;
  if (
    msg?.msgtype !== 'markdown' ||
    typeof md?.title !== 'string' ||
    !md.title ||
    typeof md.text !== 'string' ||
    !md.text
  ) {
    return { errcode: 40035, errmsg: '缺少参数 markdown.title / markdown.text' };
  }
  if (overLimit(`dingtalk:${token}`, now))
    return { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' };
  return OK;
}

export function weComAnswer(url: URL, body: string, now = Date.now()): RobotAnswer {
  const key = url.searchParams.get('key');
  if (!key || key === 'bad') return { errcode: 93000, errmsg: 'invalid webhook url' };
  const msg = parse(body);
  const content = (msg?.markdown as { content?: unknown } | undefined)?.content;
  if (msg?.msgtype !== 'markdown' || typeof content !== 'string' || !content)
    return { errcode: 40058, errmsg: 'markdown.content missing' };
  if (Buffer.byteLength(content) > 4096) return { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' };
  if (overLimit(`wecom:${key}`, now)) return { errcode: 45009, errmsg: 'api freq out of limit' };
  return OK;
}
