/** Injection tokens of the relay module. */
export const OUTBOX_STORE = Symbol('OUTBOX_STORE');
export const DELIVERY_POLICY = Symbol('DELIVERY_POLICY');
/** Tells the relay thread to look again (a receipt came); a no-op where the relay runs elsewhere. */
export const RELAY_WAKE = Symbol('RELAY_WAKE');
