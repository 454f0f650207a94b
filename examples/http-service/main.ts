/**
 * Starts the example service: `npx tsx examples/http-service/main.ts` (PORT, default 3000;
 * HOST, default 127.0.0.1). Ctrl-C stops it.
 */
import { createService } from './service';

const service = await createService({
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
});
console.log(`listening on ${service.url} — POST /conversations/:id/messages`);
const stop = () => void service.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
