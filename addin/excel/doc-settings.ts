// Settings stored in the workbook (Office.context.document.settings, Common API — no ExcelApi set): the unit id and
// signer travel with the file so a colleague opening it reports for the same unit. The token is deliberately NOT
// stored here (it would leak with the file); see addin/storage.ts. Outside Office an in-memory map stands in.

export interface DocSettings {
  unitId?: string;
  signer?: string;
}

const PREFIX = 'rectify.';
const memory = new Map<string, unknown>();

function officeSettings(): Office.Settings | undefined {
  try {
    return typeof Office !== 'undefined' ? Office.context?.document?.settings ?? undefined : undefined;
  } catch {
    return undefined;
  }
}

export function getDocSetting<T>(key: string): T | undefined {
  const s = officeSettings();
  const value = s ? s.get(PREFIX + key) : memory.get(key);
  return value === null || value === undefined ? undefined : (value as T);
}

/** Sets (or removes, for undefined) a value and persists the settings; resolves even if saving fails. */
export function setDocSetting(key: string, value: unknown): Promise<void> {
  const s = officeSettings();
  if (!s) {
    if (value === undefined) memory.delete(key);
    else memory.set(key, value);
    return Promise.resolve();
  }
  if (value === undefined) s.remove(PREFIX + key);
  else s.set(PREFIX + key, value);
  return new Promise((resolve) => {
    try {
      s.saveAsync(() => resolve());
    } catch {
      resolve();
    }
  });
}

export function readDocSettings(): DocSettings {
  return { unitId: getDocSetting<string>('unitId'), signer: getDocSetting<string>('signer') };
}

export async function writeDocSettings(settings: DocSettings): Promise<void> {
  await setDocSetting('unitId', settings.unitId || undefined);
  await setDocSetting('signer', settings.signer || undefined);
}
