/**
 * Seeds the benchmark's people in its own process (config from the environment), so seeding
 * memory is never counted in a bot instance's RSS. {cmd:'seed', users, serviceUrl} replies
 * {seedMs}; {cmd:'close'} exits.
 */
import { loadConfig } from '../src/config';
import { createStore } from '../src/store/create-store';
import { seedBenchUsers } from './bench-people';

async function main(): Promise<void> {
  const store = createStore(loadConfig(process.env));
  await store.init();
  const reply = (msg: unknown): void => void process.send?.(msg);
  process.on('message', (msg: { id: number; cmd: string; users: number; serviceUrl: string }) => {
    if (msg.cmd === 'close') {
      void store.close().then(() => process.exit(0));
      return;
    }
    void seedBenchUsers(store, msg.users, msg.serviceUrl).then((seedMs) => reply({ id: msg.id, seedMs }));
  });
  reply({ ready: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
