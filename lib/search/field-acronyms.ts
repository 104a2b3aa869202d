// A small, curated dictionary of the field's acronyms and what they stand for,
// so that a search for "LLM" finds "large language models" and the reverse. Each
// paper's text is checked for either form (lib/search/index.ts `aliasesOf`) and
// the paper is indexed under both. Pure data and one lookup.
import { canonicalWords } from "@/lib/search/terms";

export type FieldAcronym = { acronym: string; expansions: string[] };

export const FIELD_ACRONYMS: FieldAcronym[] = [
  { acronym: "LLM", expansions: ["large language model"] },
  { acronym: "VLM", expansions: ["vision language model", "visual language model", "vision-language model"] },
  { acronym: "MLLM", expansions: ["multimodal large language model"] },
  { acronym: "PLM", expansions: ["pretrained language model", "pre-trained language model"] },
  { acronym: "MLM", expansions: ["masked language model", "masked language modeling"] },
  { acronym: "MoE", expansions: ["mixture of experts", "mixture of expert", "mixture-of-experts"] },
  { acronym: "RAG", expansions: ["retrieval augmented generation", "retrieval-augmented generation"] },
  { acronym: "RL", expansions: ["reinforcement learning"] },
  { acronym: "RLHF", expansions: ["reinforcement learning from human feedback"] },
  { acronym: "DPO", expansions: ["direct preference optimization"] },
  { acronym: "SFT", expansions: ["supervised fine-tuning", "supervised finetuning"] },
  { acronym: "PEFT", expansions: ["parameter-efficient fine-tuning"] },
  { acronym: "LoRA", expansions: ["low-rank adaptation"] },
  { acronym: "CoT", expansions: ["chain of thought", "chain-of-thought"] },
  { acronym: "ICL", expansions: ["in-context learning"] },
  { acronym: "NER", expansions: ["named entity recognition"] },
  { acronym: "QA", expansions: ["question answering"] },
  { acronym: "VQA", expansions: ["visual question answering"] },
  { acronym: "NLP", expansions: ["natural language processing"] },
  { acronym: "NLU", expansions: ["natural language understanding"] },
  { acronym: "MT", expansions: ["machine translation"] },
  { acronym: "ASR", expansions: ["automatic speech recognition", "speech recognition"] },
  { acronym: "TTS", expansions: ["text-to-speech", "text to speech"] },
  { acronym: "ViT", expansions: ["vision transformer"] },
  {
    acronym: "CLIP",
    expansions: ["contrastive language-image pretraining", "contrastive language-image pre-training"],
  },
  { acronym: "KD", expansions: ["knowledge distillation"] },
  { acronym: "KG", expansions: ["knowledge graph"] },
  { acronym: "GNN", expansions: ["graph neural network"] },
  { acronym: "SSM", expansions: ["state space model", "state-space model"] },
  { acronym: "SSL", expansions: ["self-supervised learning"] },
  { acronym: "OCR", expansions: ["optical character recognition"] },
  { acronym: "VLA", expansions: ["vision-language-action"] },
  { acronym: "VLN", expansions: ["vision-language navigation"] },
  { acronym: "GAN", expansions: ["generative adversarial network"] },
  { acronym: "LDM", expansions: ["latent diffusion model"] },
];

type Form = { entry: number; words: string[] };

/** Each entry's forms (the acronym itself and every expansion) as canonical words, by first word. */
const FORMS_BY_FIRST_WORD = new Map<string, Form[]>();
FIELD_ACRONYMS.forEach(({ acronym, expansions }, entry) => {
  for (const words of [[acronym.toLowerCase()], ...expansions.map(canonicalWords)]) {
    FORMS_BY_FIRST_WORD.set(words[0]!, [...(FORMS_BY_FIRST_WORD.get(words[0]!) ?? []), { entry, words }]);
  }
});

/** Whether `words` has `form` at position `i`, its last word also in the plural. */
function formAt(words: string[], i: number, form: string[]): boolean {
  const last = form.length - 1;
  if (i + last >= words.length) return false;
  for (let k = 0; k <= last; k++) {
    const w = words[i + k]!;
    const f = form[k]!;
    if (w !== f && !(k === last && (w === `${f}s` || w === `${f}es`))) return false;
  }
  return true;
}

/** "acronym expansion" for every dictionary entry the text (canonical words) mentions in either form. */
export function fieldAcronymAliases(words: string[]): string[] {
  const found = new Set<number>();
  words.forEach((word, i) => {
    const candidates = FORMS_BY_FIRST_WORD.get(word) ?? FORMS_BY_FIRST_WORD.get(word.replace(/e?s$/, ""));
    for (const form of candidates ?? []) if (formAt(words, i, form.words)) found.add(form.entry);
  });
  return [...found]
    .sort((a, b) => a - b)
    .map((e) => `${FIELD_ACRONYMS[e]!.acronym} ${FIELD_ACRONYMS[e]!.expansions[0]}`);
}
