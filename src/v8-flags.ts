/**
 * V8 settings of the bot's process, set before anything else is loaded (main.ts imports
 * this first), here rather than on node's command line so that every way of starting the
 * bot has them (npm start, npm run dev, the benchmark, tests that start the process). Only
 * the bot's own process: the ingest and index children keep V8's defaults.
 *
 * `--no-allocation-site-pretenuring`: after a burst of updates, V8 saw that the objects of
 * some allocation sites outlived a young-generation collection (hundreds of updates were in
 * hand at once) and went on allocating them in the old generation. For a bot, whose objects
 * live as long as one update, that is wrong from then on, and costly: an old object that is
 * already garbage still keeps the young objects it points to alive through every scavenge
 * until the next full collection. Measured after a burst of 2,000 updates, then 500 a second
 * through the Telegram fake: 1.9 MB promoted a scavenge and pauses of 5–6 ms (every ~0.4 s,
 * each delaying the updates that arrive meanwhile), against 0.5 MB and 2.5 ms without
 * pretenuring, and 0.7 MB with it but no burst first; the paced p99 fell from 2.0–6.4 ms
 * to 1.6–1.7 ms (bursts measured alone, in turns).
 */
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--no-allocation-site-pretenuring");
