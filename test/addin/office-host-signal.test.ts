// officeHostSignal: the page knows at once, without office.js, whether an Office host opened it.
import { describe, expect, it } from 'vitest';
import { officeArrival, officeHostSignal, withinTime, type HostWindow } from '../../addin/office-loading.ts';

/** A top-level browser tab with nothing of Office's. */
function plainTab(extra: Partial<HostWindow> = {}): HostWindow {
  const win: HostWindow = {
    location: { search: '' },
    name: '',
    parent: undefined,
    external: { AddSearchProvider() {} },
    sessionStorage: { getItem: () => null },
    ...extra,
  };
  if (!('parent' in extra)) win.parent = win;
  return win;
}

describe('officeHostSignal', () => {
  it('says a plain browser tab is not an Office host', () => {
    expect(officeHostSignal(plainTab())).toBe(false);
    expect(officeHostSignal(plainTab({ location: { search: '?code=ABCD-EFGH' } }))).toBe(false);
    expect(officeHostSignal(plainTab({ name: 'some-window' }))).toBe(false);
  });

  it('recognises the _host_Info query parameter Office appends to the pane address', () => {
    expect(officeHostSignal(plainTab({ location: { search: '?_host_Info=Excel$Win32$16.01$zh-CN$$$$0' } }))).toBe(true);
    expect(officeHostSignal(plainTab({ location: { search: '?code=X&_host_Info=Excel|Web|16.00|zh-CN' } }))).toBe(true);
  });

  it("recognises host information in window.name and in office.js's saved session value", () => {
    expect(officeHostSignal(plainTab({ name: JSON.stringify({ hostInfo: 'Excel$Web$16.01$en-US' }) }))).toBe(true);
    expect(
      officeHostSignal(
        plainTab({ sessionStorage: { getItem: (k) => (k === 'hostInfoValue' ? 'Excel$Web$16.01' : null) } }),
      ),
    ).toBe(true);
  });

  it('recognises the Windows webview objects and the Mac and iPad message handler', () => {
    expect(officeHostSignal(plainTab({ external: { GetHostInfo: () => 'Excel$Win32' } }))).toBe(true);
    expect(officeHostSignal(plainTab({ external: { GetContext: () => ({}) } }))).toBe(true);
    expect(officeHostSignal(plainTab({ webkit: { messageHandlers: { Agave: {} } } }))).toBe(true);
    expect(officeHostSignal(plainTab({ webkit: { messageHandlers: {} } }))).toBe(false);
  });

  it('counts a page inside a frame as possibly hosted (Office on the web frames the pane)', () => {
    expect(officeHostSignal(plainTab({ parent: {} }))).toBe(true);
  });

  it('survives storage that throws on access, as in locked-down webviews', () => {
    const locked = plainTab({
      sessionStorage: {
        getItem: () => {
          throw new Error('denied');
        },
      },
    });
    expect(officeHostSignal(locked)).toBe(false);
  });
});

describe('withinTime', () => {
  it("answers 'waiting' when Office has not arrived in time, and the arrival itself when it has", async () => {
    expect(await withinTime(new Promise(() => undefined), 20)).toBe('waiting');
    expect(await withinTime(Promise.resolve('ready'), 1_000)).toBe('ready');
  });

  it("reports 'failed' when the page has no office.js script tag", async () => {
    const doc = { getElementById: () => null } as unknown as Document;
    expect(await officeArrival(doc)).toBe('failed');
  });
});
