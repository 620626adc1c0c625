// The page as the target of a sheet's 佐证材料 link (`/?evidence=<id>`, written by sheets/evidence-links.ts): signed
// in (a token saved on this computer for this server), it asks for the file's 10-minute link and shows the file in
// place of the page; signed out, it says to connect first and opens the file once connected. The address loses its
// `evidence` parameter once the file is asked for, so a reload or a reconnect never opens it twice.
import { EvidenceId } from '../../core/evidence/evidence-id.ts';
import { openLinkInBrowser } from '../open-browser.ts';
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

/** Opens the file `?evidence=<id>` names, or says why it cannot yet; nothing when the address names none. */
export async function openLinkedEvidence(ctx: PaneContext): Promise<void> {
  const url = new URL(location.href);
  const id = url.searchParams.get('evidence');
  if (id === null) return;
  const say = (text: string, kind: 'error' | '' = '') => {
    const banner = $('evidence-link-banner');
    banner.textContent = text;
    banner.className = kind ? `banner ${kind}` : 'banner';
    banner.hidden = !text;
  };
  if (!EvidenceId.safeParse(id).success) return say(ctx.t('evidenceLinkBad'), 'error');
  if (!ctx.me) return say(ctx.t('evidenceLinkSignIn'));
  url.searchParams.delete('evidence');
  // office.js replaces history.replaceState on the instance; the prototype's method still works.
  History.prototype.replaceState.call(history, null, '', url.toString());
  say(ctx.t('evidenceLinkOpening'));
  try {
    location.replace((await ctx.client().evidenceLink(id)).url);
  } catch (err) {
    say(ctx.t('evidenceLinkFailed', { error: ctx.errorText(err) }), 'error');
  }
}
