// Worker entry: HTTP via the Hono app, Cron Trigger via the reminder job.
import { app } from './app.ts';
import { runScheduledJob } from './lib/reminders.ts';

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    ctx.waitUntil(
      runScheduledJob(env, new Date(controller.scheduledTime)).then((o) => console.log('scheduled job', JSON.stringify(o))),
    );
  },
} satisfies ExportedHandler<Cloudflare.Env>;
