/** Placeholder until the textClassifier bench lands: returns its Markdown section. */
export async function benchTextClassifier(): Promise<string> {
  return '## textClassifier\n\n(not measured yet)';
}
