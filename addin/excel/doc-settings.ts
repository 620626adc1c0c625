// Settings stored in the workbook (Office.context.document.settings, Common API — no ExcelApi set): the unit id,
// the signer and the pane's highlight memory travel with the file, so a colleague opening it reports for the same
// unit. The token is deliberately NOT stored here (it would leak with the file); see queue/storage.ts.
// saveAsync is called only when a value really changed: each save dirties the workbook and, per Microsoft's
// documentation of Settings.saveAsync, clears Excel's undo stack — a check that finds nothing new must not cost the
// user their undo history. Outside Office an in-memory map stands in.

export interface DocSettings {
  unitId?: string;
  signer?: string;
  /** 填报人 and 联系电话, printed on the 报送单. */
  preparer?: string;
  preparerPhone?: string;
}

const PREFIX = 'rectify.';
const memory = new Map<string, unknown>();

function officeSettings(): Office.Settings | undefined {
  try {
    return typeof Office !== 'undefined' ? (Office.context?.document?.settings ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

export function getDocSetting<T>(key: string): T | undefined {
  const s = officeSettings();
  const value = s ? s.get(PREFIX + key) : memory.get(key);
  return value === null || value === undefined ? undefined : (value as T);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Sets (or removes, for undefined) several values and persists them with one saveAsync — none when nothing changed.
 * Resolves with whether a save happened and succeeded; a failed save is logged, never thrown (the values stay set
 * in this session and the next change saves them again).
 */
export function updateDocSettings(values: Record<string, unknown>): Promise<{ saved: boolean }> {
  const changed = Object.entries(values).filter(([k, v]) => !same(getDocSetting(k), v));
  if (!changed.length) return Promise.resolve({ saved: false });
  const s = officeSettings();
  if (!s) {
    for (const [k, v] of changed) v === undefined ? memory.delete(k) : memory.set(k, v);
    return Promise.resolve({ saved: false });
  }
  for (const [k, v] of changed) v === undefined ? s.remove(PREFIX + k) : s.set(PREFIX + k, v);
  return new Promise((resolve) => {
    try {
      s.saveAsync((result) => {
        // Compared as text: Office.AsyncResultStatus.Failed is "failed".
        const ok = !result || String(result.status) !== 'failed';
        if (!ok) console.warn('[rectify] saving workbook settings failed', result.error);
        resolve({ saved: ok });
      });
    } catch (err) {
      console.warn('[rectify] saving workbook settings failed', err);
      resolve({ saved: false });
    }
  });
}

export function setDocSetting(key: string, value: unknown): Promise<{ saved: boolean }> {
  return updateDocSettings({ [key]: value });
}

export function readDocSettings(): DocSettings {
  const get = (key: keyof DocSettings) => getDocSetting<string>(key);
  return {
    unitId: get('unitId'),
    signer: get('signer'),
    preparer: get('preparer'),
    preparerPhone: get('preparerPhone'),
  };
}

export async function writeDocSettings(s: DocSettings): Promise<void> {
  await updateDocSettings({
    unitId: s.unitId || undefined,
    signer: s.signer || undefined,
    preparer: s.preparer || undefined,
    preparerPhone: s.preparerPhone || undefined,
  });
}
