// Matching steps remembered on this computer: a plan table's columns and a ledger's columns are kept under keys of
// their own, so one header layout confirmed in one step is never taken as confirmed in the other.
import { describe, expect, it } from 'vitest';
import { rememberColumns, rememberedColumns } from '../../addin/panels/match-choices.ts';
import { MemoryStorage, STORAGE_KEYS } from '../../addin/queue/storage.ts';

describe('match-choices', () => {
  it('answers the columns confirmed for a header layout in the same step', () => {
    const storage = new MemoryStorage();
    rememberColumns(storage, 'plan', 'layout-a', { problem: 0, measure: 2 });
    expect(rememberedColumns(storage, 'plan', 'layout-a')).toEqual({ problem: 0, measure: 2 });
  });

  it('does not take columns confirmed for a plan table as confirmed for a ledger with the same header layout', () => {
    const storage = new MemoryStorage();
    rememberColumns(storage, 'plan', 'layout-a', { problem: 0, measure: 2 });
    expect(rememberedColumns(storage, 'checklist', 'layout-a')).toBeUndefined();
    rememberColumns(storage, 'checklist', 'layout-a', { measureId: 1, status: 3 });
    expect(rememberedColumns(storage, 'plan', 'layout-a')).toEqual({ problem: 0, measure: 2 });
    expect(rememberedColumns(storage, 'checklist', 'layout-a')).toEqual({ measureId: 1, status: 3 });
  });

  it('keeps finding plan-table choices saved before the ledger step had a key of its own', () => {
    const storage = new MemoryStorage();
    storage.setItem('rectify:v1:column-choices', JSON.stringify({ 'layout-a': { problem: 1 } }));
    expect(STORAGE_KEYS.planColumnChoices).toBe('rectify:v1:column-choices');
    expect(rememberedColumns(storage, 'plan', 'layout-a')).toEqual({ problem: 1 });
  });

  it('reads a damaged stored value as nothing remembered', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEYS.checklistColumnChoices, '{not json');
    expect(rememberedColumns(storage, 'checklist', 'layout-a')).toBeUndefined();
  });
});
