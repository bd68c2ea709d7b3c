/** Text in each language the course has it in; the base language is always present. */
export type Localized = Readonly<Record<string, string>>;

export interface Option {
  id: string;
  text: Localized;
  feedback: Localized | null;
  /** stays last whatever the shuffle ("none of the above") */
  pinned: boolean;
}

interface QuestionBase {
  id: string;
  prompt: Localized;
  explanation: Localized;
  source: Localized | null;
  /** the author's labels, e.g. "application"; a quiz may draw its questions per tag */
  tags: string[];
  /** its line in the quiz file, for problems found across quizzes */
  line: number;
}

/** How an attempt chooses its questions from the quiz's pool: all of them, N of them, or N per tag. */
export type Draw = { kind: "all" } | { kind: "count"; count: number } | { kind: "perTag"; perTag: Readonly<Record<string, number>> };

export type Question =
  | (QuestionBase & { type: "single"; options: Option[]; answer: string })
  | (QuestionBase & { type: "multiple"; options: Option[]; answer: string[] })
  | (QuestionBase & { type: "truefalse"; answer: boolean })
  | (QuestionBase & { type: "ordering"; options: Option[]; answer: string[] })
  | (QuestionBase & {
      type: "matching";
      prompts: { id: string; text: Localized }[];
      options: Option[];
      answer: Record<string, string>;
    })
  | (QuestionBase & { type: "text"; answer: string[] });

export type QuestionType = Question["type"];

export interface Quiz {
  id: string;
  courseId: string;
  /** null for the course's final assessment */
  moduleId: string | null;
  title: Localized | null;
  passMark: number;
  maxAttempts: number;
  /** shuffle the order of the questions (options are shuffled in every quiz) */
  shuffle: boolean;
  draw: Draw;
  feedback: "immediate" | "end";
  questions: Question[];
  questionsById: ReadonlyMap<string, Question>;
  file: string;
}

export interface Lesson {
  id: string;
  courseId: string;
  moduleId: string;
  minutes: number;
  title: Localized;
  html: Localized;
  file: string;
}

export type ExercisePrompt =
  | { id: string; kind: "text"; label: Localized; help: Localized | null }
  | { id: string; kind: "table"; label: Localized; help: Localized | null; columns: Localized[]; rows: number };

export type ChoiceQuality = "good" | "partial" | "poor";

export interface ScenarioChoice {
  id: string;
  text: Localized;
  next: string;
  quality: ChoiceQuality | null;
  consequence: Localized;
  principle: Localized;
}

export interface ScenarioStep {
  id: string;
  text: Localized;
  end: boolean;
  choices: ScenarioChoice[];
}

interface ExerciseBase {
  id: string;
  courseId: string;
  moduleId: string;
  title: Localized;
  /** sanitized HTML, per language */
  instructions: Localized;
}

export type Exercise =
  | (ExerciseBase & { type: "drafting"; prompts: ExercisePrompt[] })
  | (ExerciseBase & { type: "scenario"; start: string; steps: ScenarioStep[]; stepsById: ReadonlyMap<string, ScenarioStep> });

export type DraftingExercise = Extract<Exercise, { type: "drafting" }>;
export type ScenarioExercise = Extract<Exercise, { type: "scenario" }>;

export interface Module {
  id: string;
  title: Localized;
  objectives: Localized[];
  lessons: Lesson[];
  quiz: Quiz | null;
  exercise: Exercise | null;
}

export interface GlossaryTerm {
  id: string;
  term: Localized;
  definition: Localized;
}

export interface Source {
  id: string;
  symbol: string;
  title: Localized;
  url: string | null;
}

export interface Course {
  id: string;
  dir: string;
  status: "published" | "draft";
  level: "introductory" | "intermediate" | "advanced";
  hours: number;
  baseLanguage: string;
  languages: string[];
  /** translations (never the base language) that await a native speaker's review */
  unreviewed: string[];
  title: Localized;
  summary: Localized;
  completion: { lessons: "all" | "none"; quizzes: "passed" | "none" };
  certificate: boolean;
  modules: Module[];
  assessment: Quiz | null;
  glossary: GlossaryTerm[];
  sources: Source[];
  /** every lesson in reading order */
  lessons: Lesson[];
  lessonsById: ReadonlyMap<string, Lesson>;
  /** module quizzes in order, then the assessment */
  quizzes: Quiz[];
  quizzesById: ReadonlyMap<string, Quiz>;
  exercisesById: ReadonlyMap<string, Exercise>;
}

export interface Catalog {
  courses: Course[];
  byId: ReadonlyMap<string, Course>;
  loadedAt: number;
}

export interface Problem {
  severity: "error" | "warning";
  file: string;
  line: number;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.severity === "warning" ? "warning: " : ""}${p.message}`;
}
