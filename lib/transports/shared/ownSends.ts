/** One send's ticket (see {@link ownSends}). */
export interface OwnSend {
  /** A batch has shown a customer message of this text that no earlier send claimed. */
  readonly seen: boolean;
  /** The send has its outcome: delivered or not. A send that was not delivered claims nothing. */
  settle(delivered: boolean): void;
}

/** The customer's sends of one session, in order, until a batch shows each one's message. */
export interface OwnSends {
  /** A send of `text` starts (sends go one at a time: the send lane). */
  start(text: string): OwnSend;
  /** A batch brought a customer message of `text` new to this session (past the cursor). */
  saw(text: string): void;
}

/**
 * Tells a send's own message from an earlier one of the same text (`contract.md` §6.4): when a send's
 * answer is lost, the transcript read must not take the message of a previous send whose answer came
 * but whose message no poll has brought yet ("yes", "yes"). Messages are matched to the sends in
 * order: each new customer message of a text is the oldest unmatched send's of that text. Nothing
 * here depends on the server echoing an id or on clocks agreeing.
 *
 * @example
 * const sends = ownSends();
 * const ticket = sends.start('yes');
 * // …the batches of every read call sends.saw(text) for each new customer message…
 * settleDelivery(failed, { read, found: () => ticket.seen, … });
 */
export function ownSends(): OwnSends {
  const open: Array<{ text: string; seen: boolean; settled: boolean }> = [];
  // A send leaves the list once it failed, or once it is both answered and seen: the list stays short.
  const prune = () => {
    for (let i = open.length - 1; i >= 0; i -= 1) if (open[i].settled && open[i].seen) open.splice(i, 1);
  };
  return {
    start(text) {
      const entry = { text, seen: false, settled: false };
      open.push(entry);
      return {
        get seen() {
          return entry.seen;
        },
        settle(delivered) {
          entry.settled = true;
          // Not delivered: no message of it will come (one that lands late is published like any other).
          if (!delivered) entry.seen = true;
          prune();
        },
      };
    },
    saw(text) {
      const entry = open.find((send) => !send.seen && send.text === text);
      if (!entry) return;
      entry.seen = true;
      prune();
    },
  };
}
