// The page as the target of a sheet's 佐证材料 link (`/?evidence=<id>`, written by sheets/evidence-links.ts): signed
// in (a token saved on this computer for this server), it asks for the file's 10-minute link and shows the file in
// place of the page; signed out, it says to connect first and opens the file once connected. The address loses its
// `evidence` parameter once the file is asked for, so a reload or a reconnect never opens it twice. A cell of
// 整改进展汇总表 links `/?evidence-list=<unit>&plan&measure&period` instead: a supervisor gets 佐证材料查阅 filtered to
// it; anyone else is told here why not.
import { EvidenceId } from '../../core/evidence/evidence-id.ts';
import { openLinkInBrowser } from '../open-browser.ts';
import { evidenceListOf } from '../sheets/evidence-links.ts';
import { $, type PaneContext } from './pane-context.ts';

/**
 * The pane's one way of opening an evidence file: its 10-minute link in the system browser (Office's
 * openBrowserWindow, which the Mac and iPad webview needs) or a new tab opened at the click. Call it from the click.
 */
export function openEvidenceFile(ctx: PaneContext, id: string, failed: (err: unknown) => void): void {
  openLinkInBrowser(() => ctx.client().evidenceLink(id)).catch(failed);
}

/** The origin a sheet's links point at: the server the pane is connected to (its page is this pane), else this page. */
export function evidenceLinkOrigin(ctx: PaneContext): string {
  return new URL(ctx.session?.server || '/', location.href).origin;
}

/** The banner above the page for what a link asks (empty text hides it). */
export function sayAboutLink(text: string, kind: 'error' | '' = ''): void {
  const banner = $('evidence-link-banner');
  banner.textContent = text;
  banner.className = kind ? `banner ${kind}` : 'banner';
  banner.hidden = !text;
}

/**
 * Opens the file `?evidence=<id>` names, or says why it cannot yet; nothing when the address names none. For a
 * `?evidence-list=` address it says why it cannot be listed yet; for a supervisor the office's 佐证材料查阅 lists it
 * (evidence-browser-panel.ts).
 */
export async function openLinkedEvidence(ctx: PaneContext): Promise<void> {
  const url = new URL(location.href);
  const list = evidenceListOf(url.searchParams);
  if (list === 'bad') return sayAboutLink(ctx.t('evidenceListBad'), 'error');
  if (list && !ctx.me) return sayAboutLink(ctx.t('evidenceListSignIn'));
  if (list && ctx.me?.role !== 'supervisor') return sayAboutLink(ctx.t('evidenceListSupervisorOnly'), 'error');
  const id = url.searchParams.get('evidence');
  if (id === null) return;
  if (!EvidenceId.safeParse(id).success) return sayAboutLink(ctx.t('evidenceLinkBad'), 'error');
  if (!ctx.me) return sayAboutLink(ctx.t('evidenceLinkSignIn'));
  url.searchParams.delete('evidence');
  // office.js replaces history.replaceState on the instance; the prototype's method still works.
  History.prototype.replaceState.call(history, null, '', url.toString());
  sayAboutLink(ctx.t('evidenceLinkOpening'));
  try {
    location.replace((await ctx.client().evidenceLink(id)).url);
  } catch (err) {
    sayAboutLink(ctx.t('evidenceLinkFailed', { error: ctx.errorText(err) }), 'error');
  }
}
