// The supervisor's view of 佐证材料 (GET /evidence: one unit's, one measure's, one period's files or all of them). A
// chunk of its own with the office's sections: the pane's first chunk never carries the evidence schemas.
import { EvidenceList, type EvidenceFile, type EvidenceListQuery } from '../../core/schemas/evidence.ts';
import { ApiClient, query } from './client.ts';

export class EvidenceClient extends ApiClient {
  files(q: EvidenceListQuery): Promise<EvidenceFile[]> {
    return this.request('GET', `/evidence${query({ ...q })}`, EvidenceList).then((r) => r.body.files);
  }
}
