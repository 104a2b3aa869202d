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

const DOUBLE_L =
  /^(model|label|travel|signal|cancel|fuel|level|channel|tunnel|funnel|counsel|marshal)l(ing|ed|er|ers)$/;
const ISE_FORM = /^([a-z]+)is(e|ed|es|ing|er|ers|ation|ations)$/;

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
