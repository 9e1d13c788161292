// SPDX-License-Identifier: UNLICENSED
// The explainable half of prompt-injection detection: phrase patterns for the techniques named in
// MITRE ATLAS — AML.T0051.000 (direct injection: instruction override), AML.T0051.001 (indirect:
// instructions planted in content the user pastes), AML.T0054 (jailbreak: role-play personas that
// claim to have no rules). Patterns run on the original text, case-insensitively, so a match's
// span is a span of the prompt an investigator can quote.
//
// A pattern is "strong" when it is an attack on its own. A "cue" is only evidence: a jailbreak
// needs a bypass clause together with a persona cue (a role-play request alone is benign — "act as
// an interviewer"), and the classifier may count cues as support.

const S = String.raw;
const Q = S`["'\u2018\u2019\u201c\u201d]`; // any quote

/** Verbs that tell a model to drop what it was told. Inflected forms included ("ignores", "disregarding"). */
const DROP = S`(?:ignor(?:e|es|ed|ing)|disregard(?:s|ed|ing)?|forget(?:s|ting)?|overrid(?:e|es|ing)|bypass(?:es|ing)?|discard(?:s|ing)?|drop|abandon|neglect|dismiss|throw away|set aside|leave (?:all )?(?:the )?(?:previous|prior)|do not follow|don'?t follow|stop following|no longer follow)`;
/** Words that may stand between the verb and its object ("all of your previous safety"). */
const QUALIFIER = S`(?:about|all|any|of|the|your|or|to|that|conversations?|chats?|these|those|its|their|prior|previous(?:ly)?|preceding|above|earlier|former|initial|original|old|existing|current|system|default|safety|ethical|moral|content|compliance|programmed|built-in|internal|openai'?s?|other|given|provided|mentioned|said|and|every|single|kinds?|types?|sorts?|data|protection|security|usual|standard|pre-?set|set|whatever|everything|you|were|been|received|got|have|had)`;
/** What is being dropped: the model's instructions, never the user's own message or e-mail. */
const ORDERS = S`(?:instructions?|rules|guidelines?|directives?|directions?|prompts?|commands|guidance|restrictions?|programming|constraints?|polic(?:y|ies)|filters?|safeguards?|principles|protocols?|limitations?|boundaries|moral(?:s|ity)|ethics|conditioning|context|tasks?|assignments?|orders|training|information|settings|configuration|conversations?)`;

/**
 * The words between verb and object must point at the model's own orders ("your", "previous",
 * "all", "system"…): "ignore the rule no-console" or "ignore my previous message" is not an attack.
 * Vague objects (context, tasks, information…) need a time word as well ("all previous tasks").
 */
const POINTS_AT_MODEL = /\b(?:your|all|any|every|previous(?:ly)?|prior|preceding|above|earlier|former|initial|original|old|existing|current|system|default|safety|ethical|moral|content|compliance|programmed|built-in|internal|openai'?s?|other|given|provided|those|these|you)\b/i;
const TIME_WORD = /\b(?:all|every|previous(?:ly)?|prior|preceding|above|earlier|former|initial|original|old|existing|current|given|provided|other)\b/i;
const VAGUE_ORDER = /(?:context|tasks?|assignments?|orders|training|information|settings|configuration|conversations?)$/i;
const USERS_OWN = /\b(?:my|our)\b/i;

function pointsAtModel(m: string): boolean {
  if (USERS_OWN.test(m) && !/\byour\b/i.test(m)) return false;
  if (!POINTS_AT_MODEL.test(m.replace(/^\S+/, ''))) return false;
  return !VAGUE_ORDER.test(m) || TIME_WORD.test(m);
}

export interface PhrasePattern {
  id: string;
  /** Why the phrase matters, in words for a report. */
  means: string;
  re: RegExp;
  /** A further test of the matched text, where a regular expression alone would over-match. */
  check?: (matched: string) => boolean;
}

const p = (id: string, means: string, source: string, check?: (m: string) => boolean, flags = 'gi'): PhrasePattern =>
  check ? { id, means, re: new RegExp(source, flags), check } : { id, means, re: new RegExp(source, flags) };

/** Direct instruction override (AML.T0051.000). Any one is an attack. */
export const OVERRIDE: readonly PhrasePattern[] = [
  p('drop-instructions', 'tells the model to drop its instructions', S`\b${DROP}\b(?:[\s,]+${QUALIFIER}\b)*[\s,]+${ORDERS}\b`, pointsAtModel),
  p('drop-everything-before', 'tells the model to forget everything it was told before', S`\b(?:${DROP})[\s,]+(?:about[\s,]+)?(?:all[\s,]+|everything[\s,]+|anything[\s,]+|the[\s,]+)?(?:(?:that|what|you(?:'ve| have)?(?: been| were)?)[\s,]+(?:was[\s,]+|were[\s,]+)?(?:said|told|given|written|learned)[\s,]+)?(?:above|(?:from )?before(?: that| this| now)?|previously|prior|so far|until now|up to (?:now|this point))(?=\s*(?:[.,;:!?"')\]\n-]|$|and\b|then\b|now\b|instead\b|just\b|&|print\b|say\b|write\b|tell\b))`),
  p('drop-everything', 'tells the model to forget everything and follow new orders', S`\b(?:forget|ignore|disregard)\s+(?:about\s+)?(?:everything|all(?: of)? that|all)\s*(?:you know\s*)?(?:[,.:;!-]|and\b)\s*(?:now\s+|just\s+|instead\s+)?(?:write|say|print|output|tell|answer|respond|reply|show|give|list|reveal|act|you (?:are|will|must))\b`),
  p('ignore-user', 'tells the model to ignore the person it serves', S`\bignore (?:the|this|your) (?:user|human|customer|person|requester)\b(?!['\u2019]?s? (?:agent|name|id|interface|experience|guide|manual|group|account|profile|table|field|column))`),
  p('orders-cancelled', 'declares the model\u2019s instructions cancelled', S`\b(?:your|the|all|previous|prior|earlier|original|initial|old|system)\s+(?:(?:previous|prior|earlier|original|initial|old|system|safety)\s+)?(?:instructions|rules|guidelines|directives|restrictions|prompt|programming|constraints)\s+(?:are|were|have been|has been|is)\s+(?:now\s+|hereby\s+)?(?:cancel+ed|void|null(?: and void)?|revoked|obsolete|deleted|invalid|overridden|suspended|lifted|disabled|removed|replaced|gone|no longer (?:valid|apply|applicable|in effect|active))`),
  p('filter-disabled', 'claims the model\u2019s safety controls are switched off', S`\b(?:compliance|safety|content|moderation|ethics?|ethical|security|openai)\s+(?:filters?|checks?|guidelines|mode|polic(?:y|ies)|restrictions?|protocols?|layer|guardrails?)\s+(?:is|are|has been|have been)\s+(?:now\s+|hereby\s+|temporarily\s+)?(?:disabled|off|removed|lifted|deactivated|turned off|suspended|bypassed|not (?:active|in effect|applicable))`),
  p('system-override', 'poses as a system or administrator override', S`(?:\bsystem|\badmin(?:istrator)?|\bdeveloper|\broot|\bsudo|\bmaintenance)[\s_-]*(?:override|command|mode activated|access granted)\b|\boverride (?:code|mode|protocol) (?:activated|enabled|accepted)`),
  p('new-instructions', 'announces replacement instructions', S`(?:^|[\s#*\[(:>|.-])(?:new|updated|revised|real|actual|true|secret|hidden)\s+(?:system\s+)?(?:instructions?|directives?|orders)\s*(?::|#|\]|-{2,}|follow\b|are as follows)`),
  p('multilingual-override', 'tells the model to drop its instructions, in another language', S`\b(?:ignorez?|oubliez?|ignore[sz]?)\s+(?:toutes?\s+)?(?:les|vos|tes)\s+(?:\S+\s+)?(?:instructions|consignes|r\u00e8gles)\b|\b(?:ignorier(?:e|en)?|vergiss|vergessen sie)\s+(?:alle\s+)?(?:vorherigen\s+|bisherigen\s+|obigen\s+|deine\s+|ihre\s+)*(?:anweisungen|instruktionen|regeln|befehle|vorgaben)\b|\bvergiss alles\b|\b(?:ignora|olvida|ignore)\s+(?:todas\s+)?(?:las\s+|tus\s+)?(?:instrucciones|reglas|indicaciones)\b|\bolvida todo\b|\b(?:ignora|dimentica)\s+(?:tutte\s+)?(?:le\s+)?(?:istruzioni|regole)\b|\b(?:negeer|vergeet)\s+(?:alle\s+)?(?:vorige\s+|eerdere\s+)?(?:instructies|regels)\b|\b(?:ignore|esque\u00e7a)\s+(?:todas\s+)?(?:as\s+)?(?:instru\u00e7\u00f5es|regras)\b`),
];

/** Jailbreak personas (AML.T0054) that are attacks on their own. */
export const JAILBREAK_STRONG: readonly PhrasePattern[] = [
  p('do-anything-now', 'invokes the "Do Anything Now" (DAN) jailbreak', S`\bdo anything now\b|\bDAN (?:mode|prompt|jailbreak)\b|\b(?:act|acting|be|as|called|named|you are|you're)\s+(?:a\s+)?${Q}?DAN\b`),
  p('jailbreak-mode', 'switches the model into a named "unrestricted" mode', S`\b(?:you are|you're|you will be|you are now|now in|enter(?:ing)?|enable[ds]?|activate[ds]?|switch(?:ed)? (?:on|to)|turn on)\s+(?:in(?:to)?\s+)?(?:the\s+)?${Q}?(?:unrestricted|unfiltered|uncensored|jailbr(?:eak|oken)|god|evil|chaos|dan|unlocked|unleashed|no[- ]limits?|amoral|devil|opposite|anarchy)${Q}?\s+mode\b`),
  p('jailbroken', 'tells the model it is jailbroken', S`\byou(?: are|'re| have been| are now)\s+(?:now\s+)?(?:a\s+)?(?:jailbroken|freed|liberated|unchained|unshackled)\b`),
  p('grandma-exploit', 'uses the "late grandmother" role-play to extract forbidden content', S`\b(?:act|pretend|behave|roleplay|role-play)\s+(?:to be\s+|as\s+|like\s+)?(?:my\s+)?(?:late|deceased|dead|dear departed)\s+(?:grand(?:mother|ma|mom|father|pa|dad)|nan|nana|granny)\b`),
];

/** A claim that the model, or a persona it should play, has no rules. */
export const BYPASS: readonly PhrasePattern[] = [
  p('no-rules', 'describes an AI without rules or filters', S`\b(?:no|(?:does not|doesn't|do not|don't|never|not) (?:have|has|possess|hold|contain)(?:\s+(?:any|a))?|without(?:\s+(?:any|all))?|free (?:of|from)(?:\s+(?:all|any))?|devoid of|lacks?|zero|not (?:bound|restricted|limited|constrained|held|governed) (?:by|to)(?:\s+(?:any|all))?|unbound by|beyond|liberated from|broken free (?:of|from)|break(?:s)? free (?:of|from)|escaped(?: from)?|exempt from|outside(?: of)?)\s+(?:(?:any|all|the|its|his|her|your|their|openai'?s?|ethical|moral|legal|content|safety|usual|typical|normal|standard|programming|programmed|built-in|artificial|imposed|pre-?set|those|these|such|of|and|or|restrictive|corporate|societal|human|ai|guidelines?|,)\s+)*(?:restrictions?|limits|limitations|filters?|filtering|guidelines|rules|content polic(?:y|ies)|polic(?:y|ies)|censorship|censoring|boundaries|constraints|morals?|morality|ethics|principles|confines|safeguards|guardrails|moderation|regulations|obligations|scruples|warnings|disclaimers|conscience|remorse)\b`),
  p('not-follow-rules', 'says the model does not have to follow its rules', S`\b(?:(?:does|do|will|would|should|must|need|needs|has|have|is|are)(?:\s+not|n't|\s+never)|never|no longer)\s+(?:have to\s+|need to\s+|care about\s+|be\s+)?(?:follow|obey|abide by|adhere to|comply with|respect|care about|worry about|concern(?:ed)? (?:itself |himself |herself )?(?:with|about)|cite|mention|consider|confined (?:to|by)|bound by|restricted by|limited by)\s+(?:any\s+|the\s+|its\s+|your\s+|openai'?s?\s+|ethical\s+|moral\s+|legal\s+|content\s+|safety\s+|or\s+|and\s+|,\s*)*(?:rules|guidelines|polic(?:y|ies)|restrictions|content polic(?:y|ies)|ethics|ethicality|morals|morality|laws|legality|principles|terms|limitations|boundaries|filters)\b`),
  p('unfiltered-ai', 'describes the model as an unfiltered or amoral AI', S`\b(?:unfiltered|unfiltred|uncensored|amoral|unrestricted|unethical|immoral|unbound|lawless|rogue|jailbroken|unchained|unshackled|limitless)\b(?:[\s,&]+(?:and|or|[a-z-]+)){0,3}?[\s,]+(?:ai|a\.i\.|chat-?bot|bot|assistant|model|language model|version|persona|character|entity|gpt|mode|responses?|answers?|output)\b`),
  p('dual-response', 'asks for a second, unrestricted answer beside the normal one', S`\b(?:two|2|both)\s+(?:different\s+|separate\s+|distinct\s+)*(?:responses|answers|ways|paragraphs|replies|outputs|personas|personalities)\b[^]{0,200}?\b(?:normal(?:ly)?|classic|standard|regular|usual|filtered|censored)\b`),
  p('named-mode', 'sets up a named "mode" for the model to stay in', S`\b(?:[Ss]tay|[Rr]emain|[Ss]taying|[Rr]emaining|[Ww]hile|[Ee]nter|[Ee]ntering|[Aa]ctivate|[Ee]nable|in)\s+(?:in\s+)?(?!(?:Safe|Dark|Light|Airplane|Flight|Sleep|Focus|Debug|Recovery|Compatibility|Incognito|Private|Edit|Insert|Normal|Visual|Command|Power|Eco|Sport|Test|Demo|Reading|Night|Silent|Offline|Online|Battery|Kiosk|Presentation|Tablet|Desktop|Full|Strict|Developer)\b)(?:[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*|[A-Z]{2,})\s+[Mm]ode\b`, undefined, 'g'),
  p('never-refuse', 'demands that the model never refuse', S`\b(?:never|not|cannot|can't|won't|will not|must not|don't|do not|doesn't|does not)\s+(?:ever\s+)?(?:refus(?:e|es|ed|ing)|declin(?:e|es|ed|ing)|say(?:s|ing)? no|den(?:y|ies|ying)|reject(?:s|ing)?)\b(?!\s+(?:to\s+)?(?:a\s+|an\s+)?(?:refund|cookie|claim|payment|service|challenge|invitation|offer|dare|request for a refund))|\b(?:answers?|responds? to|replies to|complies with)\s+(?:everything|anything|any (?:question|request|prompt))\b|\bno matter how (?:immoral|unethical|illegal|harmful|dangerous|offensive)`),
];

/** Evidence that the text sets up a persona or mode for the model to play. */
export const PERSONA: RegExp = /\b(?:you are|you're|you (?:will|must|shall|should|can|have|are going to|need to)|your (?:responses?|answers?|replies|output)|stays? in character|in character|character|act(?:ing)? as|pretend(?:ing)?|role-?play(?:ing)?|from now on|respond as|answer as|simulate|persona|in (?:this|that|your) role|stay in character|break(?:ing)? character|called|named|mode|an ai|a chatbot|an assistant|language model)\b/i;

/** Phrases that address an AI reading a document: the mark of an injection planted in pasted content. */
export const ADDRESS_TO_AI: RegExp = /(?:\b(?:note|message|instructions?|attention|important)\s*(?:to|for)\s+(?:any|all|the|every)?\s*(?:ai|llm|gpt|assistant|model|chatbot|language model|bot)s?\b|\b(?:ai|llm|gpt|chatgpt)?\s*(?:assistant|model|chatbot|agent)s?\s*[:,]\s*(?:new instructions|ignore|disregard|forget|you must|please ignore|from now|do not|stop)|\b(?:if you are|to) (?:an? )?(?:ai|llm|language model|assistant)(?: reading this)?\b|<!--[^>]*?(?:ai|assistant|model|instructions?))/i;

/** A request to process pasted material: when an override follows one, the override is indirect. */
export const PROCESSING_REQUEST: RegExp = /\b(?:summari[sz]e|summary|translate|extract|review|analy[sz]e|proofread|classify|rate|process|rewrite|check|read|go through|look at|tl;?dr|paraphrase|reply to|respond to|answer this)\b/i;

/** Where pasted material usually starts: a blank line, a quoted block, markup, a mail header, a rule. */
export const DOCUMENT_START: RegExp = /\n\s*\n|\n-{3,}|\n\s*(?:from|subject|to|date):|<(?:html|body|div|p|!--)|^[^\n]{0,200}?[:]\s*\n|^[^\n]{0,200}?:\s*["\u201c]/i;
