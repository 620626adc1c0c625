// The 销号 routes as the pane calls them: the supervisor's (GET /closures, /closures/events, /closure-ledger, the
// verdict, reopen and POST /notices) and the unit's (申请销号, GET /notices, 回复). A chunk of its own, loaded with the
// office's sections or the unit's 督办与销号 section: the pane's first chunk never carries it.
import {
  ClosureEvents,
  ClosureLedger,
  ClosureList,
  ClosurePair,
  Notice,
  NoticeList,
  type ClosureApplication,
  type ClosureEvent,
  type ClosureVerdict,
  type NoticeAnswer,
  type NoticeInput,
} from '../../core/closure/index.ts';
import { DownloadLink } from '../../core/downloads/download-link.ts';
import { savedConnection, type KeyValueStorage } from '../queue/storage.ts';
import { ApiClient, query } from './client.ts';

/** Pairs per 销号台账 request: the largest page GET /closure-ledger gives. */
const LEDGER_PAGE = 2000;

const pairPath = (measureId: string, unitId: string, action: string, plan?: string) =>
  `/closures/${encodeURIComponent(measureId)}/${encodeURIComponent(unitId)}/${action}${query({ plan })}`;

export class ClosureClient extends ApiClient {
  closures(plan?: string): Promise<ClosureList> {
    return this.request('GET', `/closures${query({ plan })}`, ClosureList).then((r) => r.body);
  }

  closureEvents(measureId: string, unitId: string, plan?: string): Promise<ClosureEvent[]> {
    return this.request(
      'GET',
      `/closures/events${query({ plan, measure: measureId, unit: unitId })}`,
      ClosureEvents,
    ).then((r) => r.body.events);
  }

  verdict(measureId: string, unitId: string, body: ClosureVerdict, plan?: string): Promise<ClosurePair> {
    return this.request('POST', pairPath(measureId, unitId, 'verdict', plan), ClosurePair, body).then((r) => r.body);
  }

  reopen(measureId: string, unitId: string, reason: string, plan?: string): Promise<ClosurePair> {
    return this.request('POST', pairPath(measureId, unitId, 'reopen', plan), ClosurePair, { reason }).then(
      (r) => r.body,
    );
  }

  issueNotice(body: NoticeInput): Promise<Notice> {
    return this.request('POST', '/notices', Notice, body).then((r) => r.body);
  }

  /** The whole 销号台账: every page, in plan order (the sheet and the download need every pair). */
  async ledger(plan?: string): Promise<ClosureLedger> {
    const first = await this.ledgerPage(plan);
    const rows = [...first.rows];
    for (let cursor = first.nextCursor; cursor !== null;) {
      const page = await this.ledgerPage(plan, cursor);
      rows.push(...page.rows);
      cursor = page.nextCursor;
    }
    return { ...first, rows, nextCursor: null };
  }

  private ledgerPage(plan: string | undefined, cursor?: string): Promise<ClosureLedger> {
    const path = `/closure-ledger${query({ plan, cursor, limit: String(LEDGER_PAGE) })}`;
    return this.request('GET', path, ClosureLedger).then((r) => r.body);
  }

  /** 申请销号 (unit tokens): answers the pair as it now stands. */
  applyForClosure(application: ClosureApplication): Promise<ClosurePair> {
    return this.request('POST', '/closures/apply', ClosurePair, application).then((r) => r.body);
  }

  /** 督办单 (a unit: its own), with counts per unit. */
  notices(plan?: string): Promise<NoticeList> {
    return this.request('GET', `/notices${query({ plan })}`, NoticeList).then((r) => r.body);
  }

  /** A 10-minute link to the printable A4 督办单 (the office, or the unit it is addressed to). */
  noticePrintLink(id: string): Promise<DownloadLink> {
    return this.request('POST', `/notices/${encodeURIComponent(id)}/print-link`, DownloadLink).then((r) => r.body);
  }

  /** 回复 a 督办单 (the unit it is addressed to), once. */
  answerNotice(id: string, answer: NoticeAnswer): Promise<Notice> {
    return this.request('POST', `/notices/${encodeURIComponent(id)}/answer`, Notice, answer).then((r) => r.body);
  }
}

/** A client for the server and token currently saved in settings (as PaneContext.client() builds the plain one). */
export function closureClientFor(storage: KeyValueStorage): ClosureClient {
  return new ClosureClient(savedConnection(storage));
}
