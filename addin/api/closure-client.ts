// The 销号 routes as the supervisor's pane calls them (GET /closures, /closures/events, /closure-ledger, the verdict,
// reopen and POST /notices). A chunk of its own with the office's sections: a unit's first chunk never carries it.
import { ClosureEvents, ClosureLedger, ClosureList, ClosurePair, Notice, type ClosureEvent, type ClosureVerdict, type NoticeInput } from '../../core/closure/index.ts';
import { ApiClient, query } from './client.ts';

const pairPath = (measureId: string, unitId: string, action: string, plan?: string) =>
  `/closures/${encodeURIComponent(measureId)}/${encodeURIComponent(unitId)}/${action}${query({ plan })}`;

export class ClosureClient extends ApiClient {
  closures(plan?: string): Promise<ClosureList> {
    return this.request('GET', `/closures${query({ plan })}`, ClosureList).then((r) => r.body);
  }

  closureEvents(measureId: string, unitId: string, plan?: string): Promise<ClosureEvent[]> {
    return this.request('GET', `/closures/events${query({ plan, measure: measureId, unit: unitId })}`, ClosureEvents).then((r) => r.body.events);
  }

  verdict(measureId: string, unitId: string, body: ClosureVerdict, plan?: string): Promise<ClosurePair> {
    return this.request('POST', pairPath(measureId, unitId, 'verdict', plan), ClosurePair, body).then((r) => r.body);
  }

  reopen(measureId: string, unitId: string, reason: string, plan?: string): Promise<ClosurePair> {
    return this.request('POST', pairPath(measureId, unitId, 'reopen', plan), ClosurePair, { reason }).then((r) => r.body);
  }

  issueNotice(body: NoticeInput): Promise<Notice> {
    return this.request('POST', '/notices', Notice, body).then((r) => r.body);
  }

  ledger(plan?: string): Promise<ClosureLedger> {
    return this.request('GET', `/closure-ledger${query({ plan })}`, ClosureLedger).then((r) => r.body);
  }
}
