#!/usr/bin/env node
// values-survey-receiver: configured only by environment (see the README, "Running the receiver").
import { start } from '../src/receiver.js';

try {
  await start(process.env);
} catch (error) {
  console.error(error.message);
  if (error.cause) console.error(error.cause.message ?? error.cause);
  process.exitCode = 1;
}
