// British spellings folded to American ones, so "quantisation" finds
// "quantization" and "modelling" finds "modeling" (and the reverse: both sides of
// a match are folded). Conservative on purpose: -ise words are folded only for
// known stems, because "supervise", "noise" and "promise" are not British
// spellings of anything. Pure.

const IZE_STEMS = new Set(
  (
    "optim quant token normal general regular summar recogn util minim maxim organ character parameter parametr " +
    "visual special custom priorit categor local initial synthes standard vector discret random memor emphas real " +
    "final penal stabil factor binar sanit central decentral personal contextual lemmat capital modular serial " +
    "lexical digit canonical marginal polar linear anonym harmon synchron amort critic author legal neutral"
  ).split(" "),
);

const WHOLE_WORDS: Record<string, string> = {
  behaviour: "behavior",
  behaviours: "behaviors",
  behavioural: "behavioral",
  colour: "color",
  colours: "colors",
  favour: "favor",
  favourable: "favorable",
  neighbour: "neighbor",
  neighbours: "neighbors",
  neighbourhood: "neighborhood",
  labour: "labor",
  honour: "honor",
  flavour: "flavor",
  humour: "humor",
  rumour: "rumor",
  vapour: "vapor",
  centre: "center",
  centres: "centers",
  centred: "centered",
  metre: "meter",
  metres: "meters",
  fibre: "fiber",
  litre: "liter",
  theatre: "theater",
  catalogue: "catalog",
  catalogues: "catalogs",
  analogue: "analog",
  dialogue: "dialog",
  dialogues: "dialogs",
  programme: "program",
  programmes: "programs",
  defence: "defense",
  licence: "license",
  artefact: "artifact",
  artefacts: "artifacts",
  grey: "gray",
  aluminium: "aluminum",
  analyse: "analyze",
  analysed: "analyzed",
  analysing: "analyzing",
  paralyse: "paralyze",
  catalyse: "catalyze",
  catalysed: "catalyzed",
  judgement: "judgment",
  judgements: "judgments",
  ageing: "aging",
};

const DOUBLE_L_STEMS = "model|label|travel|signal|cancel|fuel|level|channel|tunnel|funnel|counsel|marshal";
const DOUBLE_L = new RegExp(`^(${DOUBLE_L_STEMS})l(ing|ed|er|ers)$`);
const ISE_ENDINGS = "e|ed|es|ing|er|ers|ation|ations";
const ISE_FORM = new RegExp(`^([a-z]+)is(${ISE_ENDINGS})$`);

/** The American spelling of a lower-case word, or the word itself. */
export function americanize(word: string): string {
  const whole = WHOLE_WORDS[word];
  if (whole) return whole;
  const l = DOUBLE_L.exec(word);
  if (l) return `${l[1]}${l[2]}`;
  const ise = ISE_FORM.exec(word);
  // -isation is never American; other -ise forms only for stems known to take -ize.
  if (ise && (ise[2]!.startsWith("ation") || IZE_STEMS.has(ise[1]!))) return `${ise[1]}iz${ise[2]}`;
  return word;
}

/**
 * A pattern that finds every word americanize() would change, and some others:
 * when ASCII text has no match, folding its words is just lower-casing them,
 * which spares tagging a cache lookup per word. Case-insensitive and unanchored
 * on the left, so it errs towards matching.
 */
const MAY_CHANGE = new RegExp(
  [
    ...Object.keys(WHOLE_WORDS),
    `(?:${DOUBLE_L_STEMS})l(?:ing|ed|er|ers)\\b`,
    `(?:${[...IZE_STEMS].join("|")})is(?:${ISE_ENDINGS})\\b`,
    "isations?\\b",
  ].join("|"),
);

/** The last texts asked about: the tagger asks about a title and an abstract twice each. */
const recent: [string, boolean][] = [];

/** False when americanize() leaves every word of `text`, lower-cased, as it is. */
export function mayNeedAmericanizing(text: string): boolean {
  for (const [t, answer] of recent) if (t === text) return answer;
  // Lower-cased first: the pattern runs faster without the i flag.
  const answer = MAY_CHANGE.test(text.toLowerCase());
  if (recent.unshift([text, answer]) > 2) recent.pop();
  return answer;
}
