/** Placeholder until the caseModel bench lands: returns its Markdown section. */
export async function benchCaseModel(): Promise<string> {
  return '## caseModel\n\n(not measured yet)';
}
