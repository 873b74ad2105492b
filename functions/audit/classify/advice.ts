import type { IgnoreCategory } from '../model.ts';

/** What would have made each IGNORE an ACCEPT, in the spirit of the seed post. */
export const ADVICE: Record<IgnoreCategory, string> = {
  sales_pitch:
    'Leave the pitch for later. Say what you do in a way that makes them curious, show you are interested in what they do, and open the door to a conversation instead of asking for a call.',
  swing_and_miss:
    'Read their profile before you write. If your niche is not their world, this note is noise to them; if it is, say what in their work made you think of them.',
  irrelevant:
    'Tell them why you want to connect. A fact about yourself is not a reason; name what you have in common or what you would like to learn from them.',
  bot:
    'Write it yourself. Templates are fine as a start, but fill in every field, use their real name, and add one line only they could receive.',
  too_much_too_soon:
    'Do not ask for a favour in the first message. Connect first, engage with their posts, and ask once there is a relationship to ask within.',
  coworker_template:
    'Coordinate with your colleagues: agree on who reaches out to whom, and let each message be personal rather than the same script from several people.',
};
