/**
 * Models fitted from the team's own history: a text classifier and a case model.
 * @module learning
 */
export {};
