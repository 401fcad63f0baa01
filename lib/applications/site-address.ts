import type { StepAnswers } from './step-schema';

/** "110 Laurier Avenue West, unit 4" as lists show it: `110 Laurier Avenue West 4` → with unit. */
export function siteAddressOf(answers: StepAnswers): string | null {
  const civic = String(answers.civicNumber ?? '').trim();
  const street = String(answers.street ?? '').trim();
  const unit = String(answers.unit ?? '').trim();
  if (!civic && !street) return null;
  const line = [civic, street].filter(Boolean).join(' ');
  return unit ? `${unit}-${line}` : line;
}
