/**
 * Which evidence is worth highlighting in a note. A rule may fire on a lone "?" (a question) or
 * on one common word ("hi", "connect"); marking every "?" or every "you" of a note tells the reader
 * nothing, so only spans that carry meaning are highlighted: a phrase (two words or more, as a rule
 * chose it), a word of four letters or more that is not a stop word, a figure ("30%", "$45",
 * "10x") or mail-merge debris ("{first_name}"). The reason is still listed under the note; only
 * the highlight is dropped.
 */

/** Folds case and accents: "Olá" → "ola", "Grüße" → "grusse". */
export function foldWord(w: string): string {
  return w.normalize('NFD').replace(/\p{M}+/gu, '').toLocaleLowerCase('en').replace(/ß/g, 'ss');
}

const words = (s: string) => s.trim().split(/\s+/u);

/**
 * Function words (stop words) of the languages the classifier reads (en, es, pt, de, fr, it, nl):
 * one of these alone is never highlighted.
 */
const FUNCTION_WORDS = new Set(
  [
    // English
    `a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down
     during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just let lets me more
     most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them
     themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would
     you your yours yourself yourselves s t d ll m re ve im i'm it's let's don't can't won't also just still yet ok okay`,
    // Spanish
    `de la que el en y a los del se las por un para con no una su al lo como mas más pero sus le ya o este si sí porque esta entre cuando muy sin sobre
     tambien también me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mi antes algunos que unos yo
     otro otras otra el él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros mis tu tú te ti tus ellas nosotras
     vosotros os mio mío mia mía tuyo tuya suyo suya nuestro nuestra vuestro es soy eres somos son estoy estas está estamos están ser fue era he has ha
     hemos han usted ustedes aqui aquí`,
    // Portuguese
    `de a o que e do da em um para com nao não uma os no se na por mais as dos como mas ao ele das seu sua ou quando muito nos ja já eu tambem também so
     só pelo pela ate até isso ela entre depois sem mesmo aos seus quem nas me esse eles voce você essa num nem suas meu minha numa pelos elas qual nos
     lhe deles essas esses pelas este dele tu te voces vocês vos lhes meus minhas teu tua teus tuas nosso nossa nossos nossas dela delas esta estes estas
     aquele aquela isto aquilo estou esta está estamos estao estão sou somos sao são foi era aqui`,
    // German
    `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei bin bis bist da damit dann der den des
     dem die das dass daß du dich dir dort durch ein eine einem einen einer eines er es etwas euch euer eure fur für hatte hatten hattest hab habe haben hat
     hier hin hinter ich ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jetzt kann kannst konnen können mein meine
     meinem meinen meiner mich mir mit muss musst nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner sich sie sind so solche
     soll sollte sondern sonst uber über um und uns unser unsere unter vom von vor war waren warst was weil welche wenn wer werde werden wie wieder will
     wir wird wirst wo zu zum zur zwar zwischen ihnen ihr euch gerne gern mal`,
    // French
    `au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme même mes moi mon ne nos notre nous on ou où par pas pour
     qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l a m n s t y été etre être suis es est sommes etes êtes sont ai as avons
     avez ont cette cet ceci cela ça tres très plus aussi ici tout tous toute toutes bien`,
    // Italian
    `ad al allo ai agli all alla alle con col coi da dal dallo dai dagli dall dalla dalle di del dello dei degli dell della delle in nel nello nei negli
     nell nella nelle su sul sullo sui sugli sull sulla sulle per tra fra io tu lui lei noi voi loro mio mia miei mie tuo tua tuoi tue suo sua suoi sue
     nostro nostra nostri nostre vostro vostra vostri vostre mi ti ci vi lo la li le gli ne il un uno una ma ed se perche perché anche come dove che chi
     cui non piu più quale quanto quanti quanta quante quello quelli quella quelle questo questi questa queste si tutto tutti sono sei siamo siete era
     ho hai ha abbiamo avete hanno molto qui`,
    // Dutch
    `de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook
     tot je mij uit der daar haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer doen toen moet ben
     zonder kan hun dus alles onder ja eens hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere jij
     jouw jullie onze graag`,
  ].flatMap(words).map(foldWord),
);

/** Greetings, sign-offs and thanks, in every supported language: "Hola!" or "Merci !" alone is no evidence worth a highlight. */
const GREETINGS = new Set(
  [
    `hi hey hello hiya yo dear greetings there all everyone folks friend friends morning afternoon evening good
     hola buenas buenos dias días ola olá oi bom boa dia tarde hallo moin servus guten tag morgen lieber liebe bonjour salut bonsoir coucou ciao salve
     buongiorno buonasera hoi goedemorgen goedemiddag goedenavond goedendag beste
     cheers regards best thanks thank thx gracias obrigado obrigada danke merci grazie bedankt dank`,
  ].flatMap(words).map(foldWord),
);

/**
 * Common words that say nothing on their own, in every supported language: highlighting "work" or
 * "connect" alone would mark half of all notes. Part of a phrase they still count ("let's connect").
 */
const COMMON_WORDS = new Set(
  [
    // The words of any connection request
    `connect connecting connected connection connections network networking linkedin profile work working works job jobs team company people person
     contact contacts invite invitation add request message note`,
    `conectar conectemos conecta conexion conexión conexiones red redes contacto contactos trabajo trabajar perfil empresa equipo invitacion invitación`,
    `conexao conexão conexoes conexões rede contato contatos trabalho trabalhar perfil empresa equipe convite`,
    `vernetzen vernetzung kontakt kontakte netzwerk arbeit arbeiten profil firma unternehmen team anfrage einladung`,
    `connecter connexion connexions contact contacts reseau réseau travail travailler profil entreprise equipe équipe invitation demande`,
    `collegarmi collegarci collegare collegamento connettere connettersi contatto contatti rete lavoro lavorare profilo azienda squadra invito`,
    `verbinden connectie connecten contact netwerk netwerken werk werken profiel bedrijf uitnodiging`,
    // Words of any polite note
    `like love great good nice glad happy awesome amazing cool interesting really well know want hope look looking forward would could should
     please time today week year thing things something someone always never every many much`,
  ].flatMap(words).map(foldWord),
);

/** The letter-or-digit words of a text. */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
}

const inAny = (w: string, ...sets: Set<string>[]) => sets.some((set) => set.has(foldWord(w)));

/**
 * A word that says something on its own: four letters or more, not a function word, a greeting or
 * a common word. With an apostrophe, its main part counts: "j'accompagne" yes, "it's" and "let's" no.
 */
function isContentWord(w: string): boolean {
  if (inAny(w, FUNCTION_WORDS, GREETINGS, COMMON_WORDS)) return false;
  return w.split(/['’]/u).some((part) => [...part].length >= 4 && !inAny(part, FUNCTION_WORDS, GREETINGS, COMMON_WORDS));
}

/** Mail-merge debris: "{first_name}", "{{entreprise}}", "%firstname%", "[Name]", "$company", "______", "{hi|hello}". */
const PLACEHOLDER = /[{}[\]<>|]|%\p{L}|\$\p{L}|#\p{L}+#|@\p{L}+@|_{3,}|\*{3}/u;

/** "30%", "$45", "€1.200", "10x": a figure a pitch claims. */
const FIGURE = /[$€£¥]\s?\d|\d\s?(?:%|[$€£¥]|x\b|k\b|mil\b)/iu;

/**
 * Whether an evidence span is worth highlighting. Yes: a phrase a rule fired on ("we met at",
 * "Book a call", "Hi there"), a word of four letters or more that is not a stop word ("demo",
 * "veterinar"), a figure ("30%", "$45"), mail-merge debris ("{first_name}", "______"). No: a lone
 * "?" or other punctuation, one common word ("hi", "the", "you", "work", "connect", "hola",
 * "vernetzen"), one word under four letters ("lol", "cto").
 */
export function isMeaningfulEvidence(evidence: string): boolean {
  const span = evidence.trim();
  if (PLACEHOLDER.test(span) || FIGURE.test(span)) return true;
  const ws = wordsOf(span);
  if (ws.length === 0) return false;
  return ws.length > 1 || isContentWord(ws[0]);
}

/**
 * How a reason's evidence stands in a note. Evidence is the words a rule fired on ("Book a call"),
 * a niche and the pitch aimed at it joined by " / " ("architect / we help"), the word model's
 * words of the note ("demo, free, cut") or a fact from the context ("3 unrelated senders sent this
 * same note"). `inNote`: every piece is in the note; `spans`: the pieces to highlight (never the
 * word model's single words, which are statistics, not a passage).
 */
export function evidenceInNote(message: string, evidence: string): { inNote: boolean; spans: string[] } {
  const e = evidence.trim();
  if (e === '') return { inNote: false, spans: [] };
  const note = message.toLocaleLowerCase('en');
  const has = (piece: string) => piece.trim() !== '' && note.includes(piece.trim().toLocaleLowerCase('en'));
  if (has(e)) return { inNote: true, spans: [e] };
  if (e.includes(' / ')) {
    const parts = e.split(' / ').map((p) => evidenceInNote(message, p));
    return parts.every((p) => p.inNote) ? { inNote: true, spans: parts.flatMap((p) => p.spans) } : { inNote: false, spans: [] };
  }
  if (e.includes(', ') && e.split(', ').every(has)) return { inNote: true, spans: [] };
  return { inNote: false, spans: [] };
}
