// A stand-in service for launcher tests that refuses its configuration, as every service does at start.
process.stderr.write(
  'Invalid configuration for indexer (1 variable):\n  INDEXER_BATCH_SIZE: must be an integer\n',
);
process.exit(1);
