import type { Migration } from "../migrate.ts";
import { knowledgeBase } from "./001-knowledge-base.ts";
import { cacheAndChats } from "./002-cache-and-chats.ts";
import { subscriptions } from "./003-subscriptions.ts";
import { deliveryOrder } from "./004-delivery-order.ts";
import { genresAndSources } from "./005-genres-and-sources.ts";
import { sentenceRanges } from "./006-sentence-ranges.ts";
import { deliveryLease } from "./007-delivery-lease.ts";
import { indicatorValues } from "./008-indicator-values.ts";

/** Every migration, in order. A schema change is a new file here, never an edit of an old one. */
export const migrations: Migration[] = [
  knowledgeBase,
  cacheAndChats,
  subscriptions,
  deliveryOrder,
  genresAndSources,
  sentenceRanges,
  deliveryLease,
  indicatorValues,
];
