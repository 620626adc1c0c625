// Worker entry: HTTP via the Hono app; the Cron Trigger runs the reminder job and, separately, evidence housekeeping
// and the deletion of expired print links.
import { app } from './app.ts';
import { deleteExpiredPrintLinks } from './db/print-links.ts';
import { runEvidenceHousekeeping } from './lib/evidence-housekeeping.ts';
import { runScheduledJob } from './lib/reminders.ts';
import { evidenceStoreOf } from './storage/r2-store.ts';

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    const now = new Date(controller.scheduledTime);
    ctx.waitUntil(runScheduledJob(env, now).then((o) => console.log('scheduled job', JSON.stringify(o))));
    ctx.waitUntil(
      runEvidenceHousekeeping(env.DB, evidenceStoreOf(env), now).then((o) =>
        console.log('evidence housekeeping', JSON.stringify(o)),
      ),
    );
    ctx.waitUntil(
      deleteExpiredPrintLinks(env.DB, now.toISOString()).then((n) => console.log('expired print links deleted', n)),
    );
  },
} satisfies ExportedHandler<Cloudflare.Env>;
