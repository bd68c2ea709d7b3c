import { Form, useNavigation } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import type { FeedbackView, QuestionView } from "~/learning/quiz-view.server";
import { Options, type Choice } from "./forms";
import { useT } from "./i18n";

/** An ordering or matching question's row: its item, and a choice ("choose…" first) of a position or a match. */
function SelectRow({ name, label, ariaLabel, options }: { name: string; label: string; ariaLabel: string; options: Choice[] }) {
  const t = useT();
  return (
    <div className="select-row">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue="" aria-label={ariaLabel}>
        <Options empty={t("quiz.choose")} options={options} />
      </select>
    </div>
  );
}

/** One question as a plain HTML form: radios, checkboxes, selects or a text box — no JavaScript needed. */
export function QuestionForm({ q, error, number, total }: { q: QuestionView; error: MessageKey | null; number: number; total: number }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const errorId = error ? `error-${q.id}` : undefined;
  return (
    <Form method="post" className="question" noValidate key={q.id}>
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="questionId" value={q.id} />
      <fieldset aria-describedby={errorId} aria-invalid={error ? true : undefined}>
        <legend>
          <span className="meta">{t("quiz.questionOf", { number, total })}</span>
          <span className="prompt">{q.prompt}</span>
        </legend>
        {error ? (
          <p id={errorId} role="alert" className="error-text">
            {t(error)}
          </p>
        ) : null}
        {q.type === "single" || q.type === "multiple" ? (
          <>
            <p className="hint">{q.type === "single" ? t("quiz.chooseOne") : t("quiz.chooseAll")}</p>
            {q.options.map((o) => (
              <label key={o.id} className="choice">
                <input type={q.type === "single" ? "radio" : "checkbox"} name="answer" value={o.id} /> {o.text}
              </label>
            ))}
          </>
        ) : null}
        {q.type === "truefalse" ? (
          <>
            <label className="choice">
              <input type="radio" name="answer" value="true" /> {t("quiz.true")}
            </label>
            <label className="choice">
              <input type="radio" name="answer" value="false" /> {t("quiz.false")}
            </label>
          </>
        ) : null}
        {q.type === "ordering" ? (
          <>
            <p className="hint">{t("quiz.orderHelp")}</p>
            {q.options.map((o) => (
              <SelectRow key={o.id} name={`position.${o.id}`} label={o.text} ariaLabel={t("quiz.position", { item: o.text })} options={q.options.map((_, i) => ({ value: String(i + 1), label: String(i + 1) }))} />
            ))}
          </>
        ) : null}
        {q.type === "matching" ? (
          <>
            <p className="hint">{t("quiz.matchHelp")}</p>
            {q.prompts.map((p) => (
              <SelectRow key={p.id} name={`match.${p.id}`} label={p.text} ariaLabel={t("quiz.matchFor", { prompt: p.text })} options={q.options.map((o) => ({ value: o.id, label: o.text }))} />
            ))}
          </>
        ) : null}
        {q.type === "text" ? (
          <div className="field">
            <label htmlFor="answer">{t("quiz.textLabel")}</label>
            <input id="answer" name="answer" type="text" dir="auto" autoComplete="off" maxLength={500} />
          </div>
        ) : null}
      </fieldset>
      <button type="submit" className="button-primary" disabled={busy}>
        {t("quiz.submitAnswer")}
      </button>
    </Form>
  );
}

export function Feedback({ f, headingLevel = 2 }: { f: FeedbackView; headingLevel?: 2 | 3 }) {
  const t = useT();
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className={f.correct ? "feedback feedback-ok" : "feedback feedback-wrong"} aria-live="polite">
      <H>
        {f.prompt}
      </H>
      <p className="verdict">
        <strong>{f.correct ? t("quiz.correct") : t("quiz.incorrect")}</strong>
      </p>
      <p>{t("quiz.yourAnswer", { answer: f.yourAnswer })}</p>
      {!f.correct ? <p>{t("quiz.rightAnswer", { answer: f.rightAnswer })}</p> : null}
      {f.optionFeedback.map((text) => (
        <p key={text} className="option-feedback">
          {text}
        </p>
      ))}
      <p>
        <strong>{t("quiz.explanation")}:</strong> {f.explanation}
      </p>
      {f.source ? <p className="source">{t("quiz.source", { source: f.source })}</p> : null}
    </section>
  );
}
