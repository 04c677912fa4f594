import { main } from './run-cli';

// Exit explicitly once stdout is flushed, as pyflyte-execute does: open handles left by task code
// (timers, keep-alive sockets) must not keep a finished pod running.
main(process.argv.slice(2)).then((code) => {
  process.stdout.write('', () => process.exit(code));
});
