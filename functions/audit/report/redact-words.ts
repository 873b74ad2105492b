/**
 * The word lists redaction (redact.ts) judges words by, in the languages the notes come in (en, es,
 * pt, de, fr, it, nl). Every entry is folded (lower case, accents removed, ß → ss, see `canon` in
 * redact.ts), so "Grüße", "grusse" and "GRÜSSE" are one entry.
 *
 * Redaction prefers masking too much to leaking a name: a capitalised word in the middle of a
 * sentence is masked unless it is in OK_CAPITALISED (pronouns, titles, job titles, tech terms,
 * months…). The other lists say where a name stands (greetings, sign-offs, "my colleague …") and
 * which lower-case words are ordinary words (COMMON), never masked for looking like a name.
 */

const list = (...blocks: string[]): string[] => blocks.join(' ').split(/\s+/u).filter(Boolean);

/**
 * Ordinary words: function words and the frequent words of connection requests, in every
 * language. A word here is never taken for a name from its shape or position alone (a lower-case
 * word after "Hi", the first word of a sentence followed by a comma, a word in capitals for
 * emphasis); a name the export knows or a greeting's capitalised name is masked all the same.
 */
export const COMMON = list(
  // English: function words
  `a about above after again against all almost along already also although always am among an and another any anyone anything anyway are aren't around as at
   away back be because been before being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't done down during
   each either else enough even ever every everyone everything few for from further had hadn't has hasn't have haven't having he he's her here hers herself
   him himself his how however i i'd i'll i'm i've if in into is isn't it it's its itself just least less let let's lets like many may maybe me might mine
   more most much must my myself neither no nobody none nor not nothing now of off often on once one only onto or other others otherwise our ours ourselves
   out over own per perhaps quite rather same several shall she should shouldn't since so some somebody someone something sometimes soon still such than
   that that's the their theirs them themselves then there there's these they they're this those though through thus till to together too toward towards
   under unless until up upon us very via was wasn't we we'd we'll we're we've were weren't what what's whatever when where whether which while who who's
   whom whose why will with within without won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves im ive id ill youre dont
   cant wont thats whats theres`,
  // English: frequent words of notes
  `hi hey hello dear greetings thanks thank thx ty cheers regards best kind warm warmly sincerely please sorry congrats congratulations welcome yes yeah ok
   okay sure wow great good nice glad happy awesome amazing cool fantastic excellent interesting impressive inspiring helpful useful insightful curious
   qualified pay paid reply excited keen eager love loved loving like liked enjoy enjoyed really truly genuinely quick quickly brief briefly short long new old big small first last
   next recent recently currently today tomorrow yesterday week weeks month months year years day days time times morning afternoon evening weekend
   know knew want wanted wanting hope hoping hoped look looking looked forward reach reaching reached out connect connecting connected connection connections
   network networking link add join invite invited invitation request message note write wrote writing read reading saw see seen seeing watch watched
   met meet meeting meetings call calls chat talk talked talking talks speak spoke discuss discussion discussions share shared sharing post posts posted
   article articles comment comments commented webinar podcast event events conference summit meetup workshop session panel keynote presentation
   work working worked works job jobs role roles position opportunity opportunities career company companies business team teams people person someone
   help helping helped support supporting offer offering offers provide providing service services solution solutions product products platform tool tools
   free demo trial price pricing discount cost budget sale sales deal deals client clients customer customers lead leads growth grow growing results
   experience background profile skills skill expertise field industry space area sector market domain topic topics idea ideas thoughts insight insights
   question questions answer feedback advice tips tip learn learning learned learnt teach mentor mentoring mentorship guidance collaborate collaboration
   partner partnership project projects build building built create creating created launch launched start started starting startup startups founder
   interested interest interests happy open mind available free background fellow same similar mutual common shared both also many much more most
   would could should might must can will shall do does did make made making get got getting give gave take took come came go going went keep kept
   let find found think thought feel felt believe seems seem say said tell told ask asked asking need needs needed try trying tried use using used
   thing things way ways part lot lots bit kind sort everyone anyone well back right left around here there now then again always never maybe
   sure glad honored honoured pleasure appreciate appreciated grateful forward soon later asap fyi ps btw via per vs etc`,
  // Spanish
  `a al algo algun alguna algunas alguno algunos ante antes aqui asi aun aunque bajo bien cada casi como con contra cual cuales cuando cuanto de del desde
   donde dos e el ella ellas ellos en entre era eran eres es esa esas ese eso esos esta estaba estado estamos estan estar estas este esto estos estoy fue
   fueron ha hace hacer hacia han hasta hay he hemos la las le les lo los mas me mi mis mismo mucho muchos muy nada ni no nos nosotros nuestra nuestro
   nuestros o os otra otro otros para pero poco por porque pues que quien quienes se sea ser si siempre sin sobre somos son soy su sus tambien tan tanto
   te tendria tener tengo ti tiene tienen todo todos tu tus un una uno unos usted ustedes vez y ya yo hola buenas buenos dias tardes noches saludos saludo
   gracias muchas mucha estimado estimada querido querida abrazo abrazos atentamente cordialmente cordiales un vale claro genial encantado encantada
   encanto encantaria gustaria gusto placer conectar conectemos conexion red contacto trabajo trabajar perfil empresa equipo oportunidad puesto vacante
   llamada reunion charla evento cliente clientes servicio servicios ofrecemos ayudamos ayudar propuesta precio gratis mejor nuevo nueva hablar conversar
   ver vi leer lei publicacion articulo comentario interesante gran buen buena excelente feliz semana mes ano hoy manana pronto saber conocer conocerte
   quisiera queria quiero puedo puedes podemos podria seria tema temas experiencia proyecto proyectos ademas entonces bueno`,
  // Portuguese
  `a ao aos as ate com como da das de dela dele deles do dos e ela elas ele eles em entre era essa esse esta estamos estao estar este estou eu foi for ha
   isso isto ja la lhe mais mas me mesmo meu meus minha minhas muito muitos na nao nas nem no nos nossa nosso num numa o os ou para pela pelas pelo pelos
   por porque quando que quem se sem ser seu seus so sou sua suas tambem te tem tenho ter teu tua tudo um uma voce voces vou ola oi bom boa dia tarde
   tudo bem obrigado obrigada abracos abraco abs att atenciosamente cumprimentos prezado prezada caro cara conectar conexao rede contato trabalho perfil
   empresa equipe oportunidade vaga conversa conversar reuniao evento cliente clientes servico servicos oferecemos ajudamos ajudar proposta preco gratis
   melhor novo nova falar ver vi ler li post artigo comentario interessante grande otimo otima excelente feliz semana mes ano hoje amanha logo saber
   conhecer gostaria queria quero posso pode podemos seria tema temas experiencia projeto projetos entao adoraria adorei`,
  // German
  `aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bin bis bist bitte da damit dann das dass dein deine dem den denn
   der des dich die dies diese diesem diesen dieser dir doch dort du durch ein eine einem einen einer eines er es etwas euch euer fur gegen gern gerne
   hab habe haben hat hatte hatten hier hin ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in ins ist ja jede jedem jeden jeder jetzt kann kannst kein
   keine konnen konnte mal man mehr mein meine meinem meinen meiner mich mir mit muss nach nicht nichts noch nun nur ob oder ohne sehr sein seine sich sie
   sind so sollte sondern uber um und uns unser unsere unter vom von vor war waren was weil welche wenn wer werde werden wie wieder wir wird wo wurde wurden
   zu zum zur zwar zwischen hallo moin servus liebe lieber danke vielen dank viele beste herzliche freundlichen freundliche gruss grusse grussen lg vg mfg
   vernetzen austausch kontakt freuen freue wurde mochte spannend spannende spannenden interessant interessante toll super kurz kurzen neue neuen gut gute
   guten tag morgen abend woche jahr heute bald schon`,
  // French
  `a ai au aux avec avez avons c ce ces cet cette ceci cela ca chez comme d dans de des du elle elles en encore est et etait ete etre eu fait il ils j je
   l la le les leur leurs lui m ma mais me meme mes moi mon n ne ni nos notre nous on ont ou par pas peu plus pour qu quand que quel quelle qui s sa sans
   se ses si son sont sur t ta te tes toi ton tous tout toute toutes tres tu un une vos votre vous y bonjour bonsoir salut coucou cher chere merci
   cordialement amities bien bises bisous belle bonne journee semaine mois annee aujourd hui demain bientot connecter connexion reseau contact travail
   profil entreprise equipe poste opportunite appel echange echanger rencontre rencontrer evenement client clients service services offre offrons aidons
   aider proposition prix gratuit meilleur nouveau nouvelle parler voir vu lire lu article commentaire interessant super genial ravi ravie heureux
   heureuse volontiers serait voudrais aimerais souhaite souhaiterais pourrais pouvons peux sujet sujets experience projet projets alors donc aussi`,
  // Italian
  `a ad al alla alle anche che chi ci come con da dal dalla dei del della delle di e ed era gli ha hai hanno ho i il in io la le lei li lo loro lui ma mi
   mia mio ne nei nel nella noi non o per piu quando quella quello questa questo se si sia sono su sua sue suo sul sulla ti tra tu tua tuo tutti tutto un
   una uno vi voi ciao salve buongiorno buonasera gentile caro cara grazie saluti saluto cordiali distinti presto buona giornata collegarci collegarmi
   contatto rete lavoro profilo azienda squadra opportunita chiamata evento cliente clienti servizio servizi offriamo aiutiamo aiutare proposta prezzo
   gratis migliore nuovo nuova parlare vedere visto leggere letto articolo commento interessante grande ottimo ottima felice settimana mese anno oggi
   domani piacere piacerebbe vorrei potrei possiamo sarebbe tema temi esperienza progetto progetti allora quindi`,
  // Dutch
  `aan al alle als ben bij dan dat de die dit door een en er geen had heb heeft hem het hier hij hoe hun ik in is ja je jij jouw jullie kan kon maar me
   meer met mij mijn na naar niet nog nu of om omdat ons onze ook op over te tot u uit uw van veel voor want was wat we wel werd wie wij wil zal ze zich zij
   zijn zo hoi hallo beste groeten groet groetjes hartelijke vriendelijke bedankt dank graag leuk mooi goed goede fijne dag week jaar vandaag morgen snel
   connectie netwerk contact werk profiel bedrijf team functie kans gesprek koffie evenement klant klanten dienst diensten bieden helpen prijs gratis
   nieuwe praten zien zag lezen artikel interessant zin`,
  // goodbyes
  `bye goodbye ciao adios hasta luego chao tchau tschuss tschau bis bald ciao arrivederci doei tot ziens onwards namaste`,
);

/**
 * Words that are rightly capitalised in the middle of a sentence and name nobody: pronouns, titles,
 * job titles and departments, tech terms, languages and countries, LinkedIn's own words, greetings
 * and sign-offs. A capitalised word mid-sentence that is not here (or a German noun in a German
 * note) is masked as a name.
 */
export const OK_CAPITALISED = list(
  // pronouns and forms of address
  `i i'm i've i'll i'd im ive sie ihnen ihr ihre ihrem ihren ihrer ihres du dich dir dein deine deinen deinem deiner euch euer eure usted ustedes ud uds vd
   vds vous voi lei`,
  // titles (the name after one is masked)
  `mr mrs ms miss mx dr dra prof professor sir madam herr herrn frau sr sra srta mme mlle monsieur madame mademoiselle signor signora signorina sig
   dott dottore dottoressa ssa ing avv dhr mevr mevrouw meneer doctor doktor`,
  // LinkedIn and its words
  `series seed linkedin inmail premium navigator learning e-commerce ecommerce e-mail email online offline`,
  // job titles, departments, corporate words
  `ceo cto cfo coo cmo cio cpo cro chro ciso cdo vp svp evp avp md gm hr it pm po ux ui qa ops rh ti head chief director directors directora director
   directeur directrice direktor direktorin diretor diretora direttore leiter leiterin manager managers managerin gerente gestor gestora engineer engineers
   engineering ingeniero ingeniera engenheiro engenheira ingenieur ingenieurin ingegnere developer developers desarrollador desarrolladora desenvolvedor
   entwickler entwicklerin developpeur developpeuse sviluppatore analyst analysts analista analytics scientist scientists science data product products
   project projects program programme marketing sales growth revenue operations finance financial accounting legal compliance procurement people talent
   acquisition recruiting recruitment recruiter recruiters hiring customer customers success support service services strategy strategic business
   development design designer designers research researcher lead leads leader leaders leadership senior junior principal staff associate assistant
   partner partners partnership partnerships founder founders cofounder co-founder owner president vice executive officer consultant consultants consulting advisor adviser
   specialist coordinator administrator architect architecture platform infrastructure security cloud software hardware technology technologies tech
   digital innovation transformation team teams department office board member members committee chair chairman chairwoman intern internship
   graduate student students alumni university college school academy institute`,
  // tech terms and acronyms
  `ai ml llm llms genai gpt nlp saas paas iaas b2b b2c d2c dtc crm erp seo sem ppc sql nosql api apis sdk aws gcp python java javascript typescript
   csv pdf json xml html css yaml node nodejs react angular vue kubernetes k8s docker terraform linux git kpi kpis okr okrs roi mvp poc etl elt bi dbt scrum agile kanban lean devops
   mlops dataops kafka airflow spark flink hadoop postgres postgresql mysql mongodb redis elasticsearch pandas numpy pytorch tensorflow scala kotlin
   golang graphql html5 apache webinar podcast fintech healthtech edtech proptech insurtech web3 blockchain crypto iot ar vr xr ios android macos ia rgpd gdpr pme pmi eti tpe kmu
   mkb ong ngo esg dei rse ki ti usa uk us eu emea apac latam`,
  // languages, nationalities, regions
  `english spanish german french portuguese italian dutch european american brazilian mexican spanish latin asian african british canadian indian
   chinese japanese europe america asia africa`,
  // legal forms: the words around them are masked, the form says nothing
  `inc llc ltd gmbh sarl srl ltda plc corp ohg`,
  // greetings and sign-offs (capitalised mid-sentence: "…, Thanks!")
  `hi hey hello dear greetings thanks thank cheers regards best hola saludos gracias hallo liebe lieber danke grusse gruss bonjour salut merci
   cordialement ola oi obrigado obrigada abracos ciao grazie saluti groeten bedankt`,
);

/**
 * Words rightly capitalised mid-sentence that are also names (April, June, Will…): kept, unless a
 * name stands next to them or a word like "with" or "colleague" comes right before.
 */
export const OK_CAPITALISED_WEAK = list(
  `monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december
   mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec
   montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar marz mai juni juli oktober dezember
   christmas easter spring summer autumn fall winter`,
);

/** Greetings, longest first where they share a start: "Hi X", "Good morning X", "Sehr geehrte Frau X". */
export const GREETINGS = list(
  `hi hey hello hiya heya howdy dear greetings yo salam namaste hej ahoj
   hola buenas estimado estimada estimados estimadas querido querida queridos
   hallo liebe lieber moin servus gruezi
   bonjour bonsoir salut coucou cher chere
   ola oi prezado prezada prezados caro cara
   ciao salve buongiorno buonasera gentile gentilissima gentilissimo carissima carissimo
   hoi beste goedemorgen goedemiddag goedenavond dag`,
);
export const GREETING_PHRASES = [
  'good morning', 'good afternoon', 'good evening', 'good day', 'buenos dias', 'buenas tardes', 'buenas noches', 'bom dia', 'boa tarde', 'boa noite',
  'guten tag', 'guten morgen', 'guten abend', 'sehr geehrte', 'sehr geehrter', 'gruss gott', 'gruss dich', 'hallo zusammen', 'hi there', 'hello there',
];

/** Sign-offs: the name after one is the sender's ("Best, Sam", "Viele Grüße Jürgen", "Atenciosamente,\nRodrigo"). Phrases first. */
export const SIGN_OFF_PHRASES = [
  'best regards', 'kind regards', 'warm regards', 'warmest regards', 'many thanks', 'thanks again', 'thank you', 'all the best', 'best wishes', 'take care',
  'talk soon', 'speak soon', 'with thanks', 'thanks so much', 'thank you so much', 'saludos cordiales', 'un saludo', 'un abrazo', 'muchas gracias',
  'mil gracias', 'viele grusse', 'viele grussen', 'beste grusse', 'liebe grusse', 'herzliche grusse', 'freundliche grusse', 'mit freundlichen grussen',
  'mit besten grussen', 'schone grusse', 'sonnige grusse', 'vielen dank', 'bien a vous', 'bien cordialement', 'tres cordialement', 'merci beaucoup',
  'merci d\'avance', 'a bientot', 'bonne journee', 'belle journee', 'muito obrigado', 'muito obrigada', 'um abraco', 'grande abraco', 'cordiali saluti',
  'distinti saluti', 'un caro saluto', 'un saluto', 'a presto', 'buona giornata', 'met vriendelijke groet', 'vriendelijke groet', 'hartelijke groet',
  'hartelijke groeten', 'met groet', 'dank je', 'dank u',
];
export const SIGN_OFFS = list(
  `best regards cheers thanks thx ty warmly sincerely yours respectfully
   saludos gracias atentamente cordialmente abrazos besos
   grusse gruss danke lg vg mfg bg
   cordialement amities merci bisous bises
   abracos abraco abs att atte atenciosamente cumprimentos obrigado obrigada beijos bjs
   saluti grazie
   groeten groet groetjes bedankt`,
);

/** Words after which a person's name follows: "my colleague Priya", "Herr Müller", "mi amiga Lucía". */
export const PERSON_TRIGGERS = list(
  `colleague colleagues coworker coworkers co-worker teammate classmate friend friends boss manager ceo cto cfo coo founder cofounder co-founder partner
   husband wife brother sister son daughter mentor mentee named called introduced referred recruiter
   colega colegas companero companera jefe jefa socio socia hermano hermana amigo amiga llamado llamada
   chefe irmao irma chamado chamada
   kollege kollegin kollegen freund freundin chef chefin partnerin bruder schwester namens
   collegue ami amie patron patronne associe associee frere soeur nomme nommee
   collega amico amica capo fratello sorella
   vriend vriendin baas broer zus`,
);
/** Words after which a person's or a company's name often follows: "with", "from", "at"… */
export const PREPOSITION_TRIGGERS = list(`with from by via at con de com da do mit von bei avec chez par di met van bij`);

/** Titles: the capitalised words after one are a name ("Dr. Chen", "Sra. Ortega", "Dott.ssa Romano"). */
export const TITLES = list(
  `mr mrs ms miss mx dr dra prof professor sir madam herr herrn frau sr sra srta don dona m mme mlle monsieur madame mademoiselle signor signora signorina sig
   dott dottore dottoressa ssa ing avv dhr mevr mevrouw meneer doctor doktor`,
);

/** Abbreviations whose full stop ends no sentence. */
export const ABBREVIATIONS = list(
  `mr mrs ms dr dra prof sr sra srta jr mme mlle hr fr dott ing avv dhr mevr sig st no vs etc e.g i.e approx inc ltd co corp dept`,
);

/** "I'm X", "Sou a X", "Ich bin X": the word after is the writer's name (when it is not an ordinary word). */
export const INTRO_PHRASES = [
  "i'm", 'i am', 'my name is', 'this is', 'soy', 'me llamo', 'mi nombre es', 'sou', 'sou a', 'sou o', 'eu sou', 'me chamo', 'meu nome e',
  'ich bin', 'mein name ist', 'hier ist', 'je suis', "je m'appelle", "c'est", "moi c'est", 'sono', 'mi chiamo', 'ik ben', 'mijn naam is',
];

/** "Sam here", "Alex aquí": the word before is the writer's name. */
export const HERE_WORDS = list(`here aqui hier ici qui`);

/** Words a greeting or a trigger is followed by that name nobody: "Hi team", "Hallo zusammen", "Dear hiring manager". */
export const NOT_A_NAME = list(
  `team all everyone everybody there folks friend friends sir sirs madam madame mam maam guys colleague colleagues again todos todas equipo zusammen
   allerseits tous equipe pessoal gente amigo amiga amigos senor senora signore signora monsieur messieurs dames damen herren hiring mentor doctor doc
   professor prof teacher coach boss chef brother sister bro dude mate love dear respected linkedin connection connections member members user
   professional professionals network world community people ladies gentlemen tutti iedereen allemaal allen`,
);

/**
 * Common first names, for a name that opens a sentence ("Priya told me about you.") where its
 * capital tells nothing. Not exhaustive: names the export knows, names next to another name and
 * names after a greeting or a title are masked without this.
 */
export const FIRST_NAMES = list(
  `aaron abigail adam adrian adriana ahmed aisha akira alan albert alberto alejandro alessandra alessandro alex alexander alexandra alexandre alexis alfredo
   ali alice alicia alina alison amanda amelia amelie amir amit ana andre andrea andreas andres andrew andy angela angelika anita anja ann anna anne
   annika antoine anton antonio anya arjun arnaud astrid aurelie barbara beatriz ben benjamin benoit bernd bianca bill bob brad brandon brian bruno
   camila camille carla carlos carmen carolina caroline catherine cecile celine charles charlotte chen chiara chloe chris christian christina christine
   christoph claire claudia clara cristina daniel daniela daniele dario david deepak diana diego dimitri dmitri dominik eduardo elena elias elisa elizabeth
   ellen emily emma enrique eric erik ernesto esther eva fabian fabio fatima federico felipe felix fernanda fernando filipe florian francesca francesco
   francisco franck francois frank franziska gabriel gabriela gabriele george georg gerhard gianluca giorgio giovanni giulia giuseppe gonzalo grace greg
   guillaume gustavo hannah hans hector helena helene henrik henrique hugo ian ines ingrid irene isabel isabella isabelle ivan jack jakob james jan jana
   jason javier jean jennifer jens jessica joao joaquin joe johanna johannes john jonas jonathan jordi jorge jose josef joseph juan julia julian juliana
   julie julien jurgen justin kai karin karl karen kate katharina katherine kathrin katja kevin kim klaus kumar laura lea leon leonardo lisa lorenzo
   louis luca lucas lucia luis luisa lukas magdalena manuel marc marco marcos marcus margarita maria mariana marie marina mario marisol mark markus marta
   martin martina mateo mathieu matteo matthew matthias max maximilian mehmet melanie mercedes michael michele michel miguel mika mike mohammed monica
   monika nadia natalia nathalie nicolas nicole niklas nikolai nina noah nuria olga oliver olivia omar oscar pablo paola patricia patrick paul paula paulo
   pedro peter petra philipp philippe pierre pietro pilar priya rafael rahul raquel raul rebecca ricardo richard riccardo rita robert roberto rodrigo
   roman rosa ruben sabine sabrina samantha samuel sandra sanjay santiago sara sarah sebastian sergio simon simone sofia sophie stefan stefanie stephanie
   steven susanne sven sylvie tatiana teresa thiago thomas thorsten tim tobias tomas tomasz ursula valentina valeria vanessa vera veronica victor
   vincent vittoria walter wei wolfgang xavier yann yuki yusuf zoe
   sam tom ben dan joe liz kate jen jess mike matt nick rob bob bill jim tim andy chris pat leo ivy amy ian ray kai jon josh zach luke mia ella lily`,
);

/**
 * Short forms of first names that no prefix rule finds (Bill/William, Lupe/Guadalupe, Pepe/José):
 * each line is one family, folded.
 */
export const NICKNAMES: string[] = [
  'william bill billy will willy liam wim willem wilhelm',
  'robert bob bobby rob robbie bert roberto beto',
  'richard dick rick ricky rich ricardo',
  'james jim jimmy jamie',
  'michael mike mick mikey',
  'margaret maggie meg peggy greta',
  'elizabeth elisabeth liz lizzy libby beth betty eliza elsa lisa lise ilse isabel',
  'katherine catherine kathryn katharina kate kathy katie kat kitty kathi katja',
  'alexander alexandra alexandros alejandro alessandro alexandre sasha sacha alex lex sandro xander',
  'edward ted teddy ed eddie ned',
  'anthony antonio tony toni',
  'charles charlie chuck carlos',
  'henry hank harry enrique quique',
  'john johnny jack jon jonathan juan',
  'jose pepe pep jose-luis joselu ze zeca',
  'francisco paco pancho curro francois',
  'dolores lola',
  'ignacio nacho',
  'guadalupe lupe',
  'manuel manolo',
  'rosario charo',
  'rafael rafa',
  'fernando fer nando',
  'jesus chus chucho',
  'beatriz bia bea',
  'concepcion concha conchita',
  'johannes hans hannes jo',
  'johanna jo hanna',
  'josef sepp joseph joe',
  'ulrich uli',
  'stefanie steffi stephanie',
  'gabriele gabi gabriela gabriella',
  'friedrich fritz',
  'maximilian max maxi maxime',
  'nicholas nick nico nicolas nikolaus',
  'daniel dan danny dani',
  'david dave',
  'steven stephen steve',
  'christopher christian christine christina chris',
  'thomas tom tommy',
  'matthew matt matteo mateus',
  'patrick patricia pat patty trish',
  'susan suzanne sue susie',
  'jennifer jen jenny',
  'rebecca becky',
  'andrew andy drew andreas andres',
  'benjamin ben benji',
  'samuel samantha sam sammy',
  'timothy tim timmy',
  'joshua josh',
  'nathan nathaniel nate',
  'philip phil felipe',
  'gregory greg',
  'jeffrey jeff',
  'lawrence larry',
  'mohammed mohamed muhammad mo',
  'victoria vicky',
  'theresa teresa tess tessa',
];

/**
 * German nouns frequent in notes: in a German note (nouns are capitalised there) these stay
 * readable; another capitalised word is masked unless it ends like a noun (GERMAN_NOUN_ENDINGS).
 * A compound that ends in one of these (Vertriebsteam, Datenprojekt) counts as one.
 */
export const GERMAN_NOUNS = list(
  `anfrage anfragen angebot angebote anliegen antwort arbeit arbeitgeber artikel austausch bedarf beitrag beitrage bereich beruf bewerbung bild branche
   buch budget call chance community daten demo dienst einblick einblicke einladung eindruck erfolg event events experte expertin firma frage fragen
   freude gesprach gesprache gruss grusse grussen gruppe hilfe idee ideen impuls impulse interesse jahr jahre jahren job jobs kaffee kommentar
   konferenz kontakt kontakte kosten kunde kunden kurs leute liebe markt meeting meetings meinung menschen messe minuten mitglied moment nachricht
   nachrichten netzwerk nummer partner plattform podcast post posts preis preise produkt produkte profil profile projekt projekte prozess prozesse
   recruiter rolle sache seite seminar software spass stelle stellen studie stunde stunden tag tage team teams termin termine text thema themen tipp
   tipps treffen unternehmen unterstutzung video vortrag vortrage weg welt wert wissen woche wochen workshop wunsch zeit ziel ziele zukunft zusammenarbeit
   agentur kultur struktur natur kompetenz prasenz konferenz finanzen bilanz relevanz distanz technik logistik politik musik praxis strategie
   vertrieb verkauf einkauf marketing management engagement leistung leistungen losung losungen beratung erfahrung entwicklung veranstaltung
   vernetzung mitarbeiter mitarbeiterin mitarbeitende geschaftsfuhrer geschaftsfuhrerin grunder grunderin leiter leiterin entwickler entwicklerin
   berater beraterin ingenieur ingenieurin kollege kollegin kollegen freund freundin chef chefin herr frau dank grussen euro prozent zahl zahlen
   kanzlei kanzleien wachstum umsatz gewinn pipeline leads lead startup startups start-up dienstleistung dienstleistungen anbieter losung angebot warenkorb shop
   daten datenqualitat qualitat erstberatung homepage website webseite link links karriere position lebenslauf gehalt handy telefon mail email
   e-mail anruf ruckruf gesprach vorstellung erfahrungen sicht teil tool tools plan plane ansatz ansatze ergebnis ergebnisse`,
);
/** German noun endings: a capitalised word with one (six letters or more) is a noun, not a name. */
export const GERMAN_NOUN_ENDINGS = ['ung', 'ungen', 'heit', 'heiten', 'keit', 'keiten', 'schaft', 'schaften', 'tat', 'taten', 'tion', 'tionen', 'sion', 'ismus', 'ment', 'tum', 'nisse'];
/** Words that make a note German (its capitals then say little). */
export const GERMAN_MARKERS = list(
  `und ich nicht mit sie ihr ihnen ihre ihren wir fur uber habe haben ist sind eine einen einem der das dem auf sehr gerne wurde mich uns auch bin
   mochte freuen viele grusse hallo liebe lieber danke bei zu von oder aber dass kann wenn schon noch nur mein meine meinen dein euch anbei`,
);

/** Verbs whose subject opening a sentence is a person ("Okonkwo told me…", "Lucía me habló…" is found by its capital). */
export const PERSON_VERBS = list(
  `told said says mentioned suggested recommended asked introduced referred pointed thinks thought shared sent invited
   dijo comento menciono recomendo sugirio pidio
   disse falou comentou indicou sugeriu pediu
   meinte sagte erzahlte empfahl hat
   m'a
   zei vertelde
   is was has ist war fue foi est`,
);

/** Words before a company's name ("Grupo Altamira", "Kanzlei Brandtner") or after it ("… GmbH", "… Group"). */
export const COMPANY_BEFORE = list(`grupo groupe gruppo gruppe kanzlei agencia agencia agence agentur studio banco banca fundacion fundacao instituto`);
export const COMPANY_AFTER = list(`inc llc ltd gmbh ag sa sl sas sarl srl spa bv nv ltda plc corp kg ohg ug se group gruppe grupo groupe gruppo holding holdings labs`);
