// The supervisor's view of 佐证材料 (GET /evidence: one unit's, one measure's, one period's files or all of them). A
// chunk of its own with the office's sections: the pane's first chunk never carries the evidence schemas.
import { z } from 'zod';
import { EvidenceFile } from '../../core/schemas/evidence.ts';
import { ApiClient, query } from './client.ts';

const FileList = z.object({ files: z.array(EvidenceFile) });

export interface EvidenceQuery {
  plan?: string;
  unit?: string;
  measure?: string;
  period?: string;
}

export class EvidenceClient extends ApiClient {
  files(q: EvidenceQuery): Promise<EvidenceFile[]> {
    return this.request('GET', `/evidence${query({ ...q })}`, FileList).then((r) => r.body.files);
  }
}
