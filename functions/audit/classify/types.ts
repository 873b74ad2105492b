/**
 * The classifier's own vocabulary: a note and its context, a fired rule, the fitted weights.
 * Types only (no code), so that the engine, the fitted data and the training scripts can all
 * import them without importing each other.
 */
import type { Direction, OwnerProfile } from '../model.ts';

export interface NoteInput {
  id: string;
  text: string;
  direction?: Direction;
  /** Sender's display name (or counterpart key when the export has no name). */
  sender?: string;
  senderCompany?: string;
  /** Free text ("headline | industry") or the owner's profile. */
  recipientProfile?: string | OwnerProfile;
  /** The recipient's first name, for the wrong-name greeting check, when known. */
  recipientFirstName?: string;
  /** The recipient's full display name (from the CSV), when known: any of its parts in a greeting is the right name. */
  recipientName?: string;
  /**
   * Identities for template detection (taxonomy rules 2 and 3a). `senderKey` defaults to the
   * sender's name; `recipientKey` to the recipient profile given as text, else the inbox's owner.
   */
  senderKey?: string;
  recipientKey?: string;
  /** The export's owner wrote it (one of their own sent CRs). */
  fromOwner?: boolean;
  /**
   * The counterpart's position and company from Connections.csv (the sender of a received CR, the
   * invitee of a sent one): context for the role (issue 16), never for the category.
   */
  counterpartPosition?: string;
  counterpartCompany?: string;
}

export type NoteContext = Omit<NoteInput, 'id' | 'text'>;

export interface Fired {
  id: string;
  evidence: string;
}

/** Fitted weights: per rule, one weight per scored category (order of `classes`). */
export interface Weights {
  classes: readonly string[];
  bias: readonly number[];
  rules: Readonly<Record<string, readonly number[]>>;
  /**
   * Softmax temperature for `confidence` (default 1), fitted on held-out scores so that a
   * confidence of 0.8 is right about 80% of the time on notes the weights were not fitted on.
   */
  temperature?: number;
  /**
   * Monotone map from the tempered top probability to the confidence shown (isotonic regression of
   * "the verdict was right" on held-out scores, fitted by `npm run fit`): points (x ascending, y),
   * linear between them, flat outside. Absent: the tempered probability is the confidence.
   */
  calibration?: {
    x: readonly number[];
    y: readonly number[];
    /**
     * Confidence ceiling for a verdict that rests on no phrase family (only the word model or the
     * structural fallback spoke): those are right far less often than their scores say.
     */
    fallback?: number;
  };
  /**
   * Confidence of each structural decision (a template, mail-merge debris, thanks for connecting):
   * the share of such verdicts that were right on the labelled sets, smoothed. Absent: 0.9.
   */
  structural?: Readonly<Record<string, number>>;
}
