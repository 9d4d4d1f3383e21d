// Which screen the window shows (the app opens on Accueil, the day's overview), and what a screen was opened for: one screen can send the
// person to another with its subject chosen ("Enregistrer un paiement" from an invoice opens
// Paiements with that invoice targeted), rather than leaving them to find it again.

export type Screen =
  | 'home'
  | 'week' | 'entries' | 'plan' | 'distribution' | 'import'
  | 'invoices' | 'payments' | 'receivables' | 'contracts' | 'tax_rates'
  | 'expenses' | 'income' | 'results' | 'statements' | 'budget' | 'cashflow'
  | 'legal' | 'annual_report'
  | 'clients' | 'projects' | 'members' | 'workers' | 'teams' | 'committees' | 'departments' | 'categories' | 'settings' | 'backups' | 'about';

/** The invoice a payment is recorded for, when the person came from that invoice. */
export type PaymentTarget = { client_id: number; invoice_id: number };

export const navigation = $state<{ screen: Screen; payment: PaymentTarget | null }>({ screen: 'home', payment: null });

export function go(screen: Screen): void {
  navigation.payment = null;
  navigation.screen = screen;
}

export function recordPaymentFor(target: PaymentTarget): void {
  navigation.payment = target;
  navigation.screen = 'payments';
}

/** The target once, for the screen that opens with it: going back later starts afresh. */
export function takePaymentTarget(): PaymentTarget | null {
  const target = navigation.payment;
  navigation.payment = null;
  return target;
}
