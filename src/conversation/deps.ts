import type { Config } from '../config';
import type { Content } from '../content/types';
import type { Logger } from '../logger';
import type { Store } from '../store/port';
import type { NudgeEngine, OutgoingCard } from '../delivery/engine-port';

import type { CardDataMap } from '../cards/types';
import type { ConversationRef } from '../domain';

/** Renders a named template from cards/ with its data (the cards module, injected so tests can use the real one). */
export type RenderCard = <K extends keyof CardDataMap>(name: K, data: CardDataMap[K]) => object;

/** The person acting, as the edge read them from Teams. */
export interface Actor {
  tenantId: string;
  userId: string;
  aadObjectId?: string;
  conversation: ConversationRef;
  /** IANA zone Teams reported, when it did. */
  timeZone?: string;
  /** BCP 47 locale Teams reported (e.g. en-GB), when it did: only decides how dates are written. */
  locale?: string;
}

/** What every conversation use case needs. Plain values: no botbuilder, no HTTP. */
export interface ConversationDeps {
  store: Store;
  content: Content;
  config: Config;
  renderCard: RenderCard;
  now: () => Date;
  logger: Logger;
  /** The delivery engine's use cases (choose, snooze, skip, next slot), through its port. */
  engine: NudgeEngine;
}

/** A card to show the person, with a short text for notifications. */
export type Reply = OutgoingCard;
