// Group robots the reminders go to: WeCom (企业微信, `markdown.content`) and DingTalk (钉钉, `markdown.title` +
// `markdown.text`, `at.atMobiles`, and with 加签 `timestamp` + `sign` on the URL). Which one is chosen from the
// webhook's host (oapi.dingtalk.com → DingTalk), or named in the config. Config, secrets included, comes only from
// Worker secrets:
//   REMINDER_WEBHOOKS = [{"name":"villages","url":"https://oapi.dingtalk.com/robot/send?access_token=…",
//                         "secret":"SEC…","units":"village"},
//                        {"name":"offices","url":"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…","units":"office"}]
// or, for one group, REMINDER_WEBHOOK_URL (+ REMINDER_WEBHOOK_SECRET for a DingTalk robot with 加签).
import { z } from 'zod';

export type Robot = 'wecom' | 'dingtalk';

const WebhookConfig = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/),
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(1).optional(),
  robot: z.enum(['wecom', 'dingtalk']).optional(),
  units: z.enum(['all', 'village', 'office']).default('all'),
});

export interface Webhook {
  name: string;
  url: string;
  secret?: string;
  robot: Robot;
  units: 'all' | 'village' | 'office';
}

/** DingTalk and WeCom both cap one robot at 20 messages a minute; one run never sends more to a robot. */
export const ROBOT_MESSAGES_PER_MINUTE = 20;

export function robotOf(url: string): Robot {
  return new URL(url).hostname === 'oapi.dingtalk.com' ? 'dingtalk' : 'wecom';
}

/** The configured webhooks; a malformed config is logged and sends nothing (the job still flags missing units). */
export function webhooksOf(env: Cloudflare.Env): Webhook[] {
  if (env.REMINDER_WEBHOOKS) {
    let raw: unknown;
    try {
      raw = JSON.parse(env.REMINDER_WEBHOOKS);
    } catch {
      console.error('REMINDER_WEBHOOKS is not JSON; no reminders sent');
      return [];
    }
    const parsed = z.array(WebhookConfig).min(1).safeParse(raw);
    if (!parsed.success) {
      console.error(
        'REMINDER_WEBHOOKS is invalid; no reminders sent',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      );
      return [];
    }
    return parsed.data.map((w) => ({ ...w, robot: w.robot ?? robotOf(w.url) }));
  }
  const url = env.REMINDER_WEBHOOK_URL;
  if (!url) return [];
  return [
    { name: 'default', url, secret: env.REMINDER_WEBHOOK_SECRET || undefined, robot: robotOf(url), units: 'all' },
  ];
}

/** DingTalk 加签: base64(HMAC-SHA256(key = secret, `${timestamp}\n${secret}`)), URL-encoded, with the ms timestamp. */
export async function dingTalkSign(secret: string, timestamp: number): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(`${timestamp}\n${secret}`)));
  return encodeURIComponent(btoa(String.fromCharCode(...mac)));
}

export async function postUrl(w: Webhook, nowMs: number): Promise<string> {
  if (w.robot !== 'dingtalk' || !w.secret) return w.url;
  const sep = w.url.includes('?') ? '&' : '?';
  return `${w.url}${sep}timestamp=${nowMs}&sign=${await dingTalkSign(w.secret, nowMs)}`;
}

export interface RobotMessage {
  title: string;
  /** Markdown body (WeCom `content`, DingTalk `text`). */
  markdown: string;
  /** Phones to @ (DingTalk only; WeCom markdown cannot @ by phone). */
  mobiles: string[];
}

export function robotBody(robot: Robot, m: RobotMessage): string {
  if (robot === 'dingtalk') {
    return JSON.stringify({
      msgtype: 'markdown',
      markdown: { title: m.title, text: m.markdown },
      at: { atMobiles: m.mobiles, isAtAll: false },
    });
  }
  return JSON.stringify({ msgtype: 'markdown', markdown: { content: m.markdown } });
}

/** Both robots answer HTTP 200 with {"errcode":0} on success and a non-zero errcode (e.g. 130101 too fast) otherwise. */
export function robotAccepted(status: number, text: string): boolean {
  if (status < 200 || status >= 300) return false;
  try {
    return Number((JSON.parse(text) as { errcode?: number }).errcode ?? 0) === 0;
  } catch {
    return true; // a non-JSON 2xx body counts as delivered
  }
}
