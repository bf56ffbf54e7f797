// A stand-in service for child-service tests: says hello on both streams, then on SIGTERM says goodbye and
// exits with FIXTURE_EXIT_CODE; FIXTURE_IGNORE_SIGTERM=1 makes it a service that never stops by itself.
// The handler comes before the greeting: the tests signal as soon as they see it.
process.on('SIGTERM', () => {
  if (process.env.FIXTURE_IGNORE_SIGTERM === '1') return;
  process.stdout.write('goodbye\n');
  process.exit(Number(process.env.FIXTURE_EXIT_CODE ?? '0'));
});
process.stdout.write('{"level":"info","msg":"hello"}\nsecond line\n');
process.stderr.write('on stderr\n');
setInterval(() => {}, 1_000);
