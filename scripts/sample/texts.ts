/**
 * Phrases for the synthetic sample history, written for this project (MIT). Each FAQ intent has
 * customer phrasings per language and maps to one knowledge-base article.
 */
export type Lang = 'en' | 'pl' | 'es' | 'de' | 'zh' | 'fr';

export interface FaqIntent {
  id: string;
  queue: string;
  topic: string;
  title: Record<Lang, string>;
  answer: Record<Lang, string>;
  asks: Record<Lang, string[]>;
}

export const FAQ: FaqIntent[] = [
  {
    id: 'card-arrival',
    queue: 'cards',
    topic: 'cards',
    title: {
      en: 'When will my card arrive?',
      pl: 'Kiedy dotrze moja karta?',
      es: '¿Cuándo llegará mi tarjeta?',
      de: 'Wann kommt meine Karte an?',
      zh: '我的卡什么时候到？',
      fr: 'Quand vais-je recevoir ma carte ?',
    },
    answer: {
      en: 'Cards arrive within 5 working days of ordering. You can track delivery in the app under Card > Delivery.',
      pl: 'Karta dociera w ciągu 5 dni roboczych od zamówienia. Status dostawy sprawdzisz w aplikacji: Karta > Dostawa.',
      es: 'Las tarjetas llegan en 5 días hábiles desde el pedido. Puedes seguir el envío en la app en Tarjeta > Envío.',
      de: 'Karten kommen innerhalb von 5 Werktagen nach der Bestellung an. Den Versand siehst du in der App unter Karte > Lieferung.',
      zh: '卡片会在下单后5个工作日内送达。您可以在应用的“卡片 > 配送”中查看物流。',
      fr: 'Les cartes arrivent sous 5 jours ouvrés après la commande. Suivez la livraison dans l’app, rubrique Carte > Livraison.',
    },
    asks: {
      en: [
        'where is my new card',
        'I am still waiting on my card',
        'my card has not arrived yet',
        'how long does the card take to arrive',
      ],
      pl: ['gdzie jest moja nowa karta', 'wciąż czekam na kartę', 'karta jeszcze nie dotarła'],
      es: ['dónde está mi nueva tarjeta', 'todavía no me ha llegado la tarjeta'],
      de: ['wo ist meine neue Karte', 'meine Karte ist noch nicht angekommen'],
      zh: ['我的新卡在哪里', '卡还没收到'],
      fr: ['où est ma nouvelle carte', 'je n’ai toujours pas reçu ma carte'],
    },
  },
  {
    id: 'reset-password',
    queue: 'general',
    topic: 'account',
    title: {
      en: 'How do I reset my password?',
      pl: 'Jak zresetować hasło?',
      es: '¿Cómo restablezco mi contraseña?',
      de: 'Wie setze ich mein Passwort zurück?',
      zh: '如何重置密码？',
      fr: 'Comment réinitialiser mon mot de passe ?',
    },
    answer: {
      en: 'Tap "Forgot password" on the login screen and follow the link we email you. The link is valid for 30 minutes.',
      pl: 'Kliknij „Nie pamiętam hasła” na ekranie logowania i otwórz link z e-maila. Link jest ważny 30 minut.',
      es: 'Pulsa «Olvidé mi contraseña» en la pantalla de acceso y sigue el enlace del correo. Es válido 30 minutos.',
      de: 'Tippe auf dem Anmeldebildschirm auf „Passwort vergessen“ und folge dem Link in der E-Mail. Er gilt 30 Minuten.',
      zh: '在登录页面点击“忘记密码”，然后按照邮件中的链接操作。链接30分钟内有效。',
      fr: 'Touchez « Mot de passe oublié » sur l’écran de connexion et suivez le lien reçu par e-mail, valable 30 minutes.',
    },
    asks: {
      en: ['I forgot my password', 'how do I reset my password', 'cannot log in, password not working'],
      pl: ['zapomniałem hasła', 'jak zresetować hasło'],
      es: ['olvidé mi contraseña', 'cómo cambio la contraseña'],
      de: ['ich habe mein Passwort vergessen', 'wie kann ich das Passwort ändern'],
      zh: ['忘记密码了', '怎么重置密码'],
      fr: ['j’ai oublié mon mot de passe', 'comment changer mon mot de passe'],
    },
  },
  {
    id: 'refund-status',
    queue: 'billing',
    topic: 'billing',
    title: {
      en: 'Where is my refund?',
      pl: 'Gdzie jest mój zwrot pieniędzy?',
      es: '¿Dónde está mi reembolso?',
      de: 'Wo bleibt meine Rückerstattung?',
      zh: '我的退款在哪里？',
      fr: 'Où en est mon remboursement ?',
    },
    answer: {
      en: 'Refunds reach your account 3–5 working days after we approve them. You will get an email when it is sent.',
      pl: 'Zwrot trafia na konto 3–5 dni roboczych po akceptacji. Wyślemy e-mail, gdy zostanie zlecony.',
      es: 'Los reembolsos llegan 3–5 días hábiles después de aprobarlos. Te avisaremos por correo.',
      de: 'Rückerstattungen sind 3–5 Werktage nach der Freigabe auf deinem Konto. Du bekommst eine E-Mail.',
      zh: '退款批准后3至5个工作日到账。发出时我们会发送邮件通知您。',
      fr: 'Les remboursements arrivent 3 à 5 jours ouvrés après validation. Vous recevrez un e-mail.',
    },
    asks: {
      en: ['where is my refund', 'I have not received my refund', 'how long does a refund take'],
      pl: ['gdzie jest mój zwrot', 'nie dostałem zwrotu pieniędzy'],
      es: ['dónde está mi reembolso', 'no he recibido el reembolso'],
      de: ['wo ist meine Rückerstattung', 'ich habe mein Geld noch nicht zurück'],
      zh: ['退款还没到账', '我的退款在哪里'],
      fr: ['où est mon remboursement', 'je n’ai pas reçu mon remboursement'],
    },
  },
  {
    id: 'change-address',
    queue: 'general',
    topic: 'account',
    title: {
      en: 'How do I change my address?',
      pl: 'Jak zmienić adres?',
      es: '¿Cómo cambio mi dirección?',
      de: 'Wie ändere ich meine Adresse?',
      zh: '如何修改地址？',
      fr: 'Comment changer mon adresse ?',
    },
    answer: {
      en: 'Go to Profile > Personal details > Address. Changes apply at once; cards already sent are not redirected.',
      pl: 'Wejdź w Profil > Dane osobowe > Adres. Zmiana działa od razu; wysłanych kart nie przekierujemy.',
      es: 'Ve a Perfil > Datos personales > Dirección. El cambio es inmediato; las tarjetas ya enviadas no se redirigen.',
      de: 'Gehe zu Profil > Persönliche Daten > Adresse. Die Änderung gilt sofort; bereits verschickte Karten werden nicht umgeleitet.',
      zh: '进入“个人资料 > 个人信息 > 地址”。修改立即生效，已寄出的卡片不会改寄。',
      fr: 'Allez dans Profil > Informations personnelles > Adresse. Le changement est immédiat.',
    },
    asks: {
      en: ['I moved, how do I change my address', 'update my address please'],
      pl: ['jak zmienić adres', 'przeprowadziłem się, chcę zmienić adres'],
      es: ['cómo cambio mi dirección', 'me he mudado'],
      de: ['wie ändere ich meine Adresse', 'ich bin umgezogen'],
      zh: ['怎么改地址', '我搬家了，要改地址'],
      fr: ['comment changer mon adresse', 'j’ai déménagé'],
    },
  },
  {
    id: 'opening-hours',
    queue: 'general',
    topic: 'general',
    title: {
      en: 'When is support available?',
      pl: 'Kiedy działa obsługa klienta?',
      es: '¿Cuál es el horario de atención?',
      de: 'Wann ist der Support erreichbar?',
      zh: '客服什么时候在线？',
      fr: 'Quand le support est-il disponible ?',
    },
    answer: {
      en: 'The assistant answers 24/7; our team is available Monday to Friday, 08:00–20:00 local time.',
      pl: 'Asystent odpowiada całą dobę; zespół pracuje od poniedziałku do piątku w godz. 8:00–20:00.',
      es: 'El asistente responde 24/7; el equipo atiende de lunes a viernes de 8:00 a 20:00.',
      de: 'Der Assistent antwortet rund um die Uhr; unser Team ist Mo–Fr 8–20 Uhr erreichbar.',
      zh: '智能助手全天候在线；人工客服周一至周五8:00–20:00。',
      fr: 'L’assistant répond 24h/24 ; l’équipe est disponible du lundi au vendredi, de 8 h à 20 h.',
    },
    asks: {
      en: ['what are your opening hours', 'when can I reach support'],
      pl: ['w jakich godzinach działa infolinia'],
      es: ['cuál es vuestro horario'],
      de: ['wann seid ihr erreichbar'],
      zh: ['客服几点上班'],
      fr: ['quels sont vos horaires'],
    },
  },
];

export const THANKS: Record<Lang, string[]> = {
  en: ['thanks, that helps', 'great, thank you!', 'perfect, thanks'],
  pl: ['dzięki, to pomogło', 'super, dziękuję'],
  es: ['gracias, me sirve', 'perfecto, gracias'],
  de: ['danke, das hilft', 'super, vielen Dank'],
  zh: ['谢谢，明白了', '好的，谢谢'],
  fr: ['merci, c’est clair', 'parfait, merci'],
};

export const NOT_HELPFUL: Record<Lang, string[]> = {
  en: [
    'that does not answer my question',
    'no, that is not it',
    'I already did that and it still does not work',
  ],
  pl: ['to nie odpowiada na moje pytanie', 'już to zrobiłem i nadal nie działa'],
  es: ['eso no responde a mi pregunta', 'ya lo hice y sigue sin funcionar'],
  de: ['das beantwortet meine Frage nicht', 'das habe ich schon gemacht, geht trotzdem nicht'],
  zh: ['这没有回答我的问题', '我已经试过了，还是不行'],
  fr: ['cela ne répond pas à ma question', 'je l’ai déjà fait et ça ne marche toujours pas'],
};

export const HUMAN_REQUEST: Record<Lang, string[]> = {
  en: ['I want to talk to a human', 'can I speak to a real person please', 'connect me to an agent'],
  pl: ['chcę rozmawiać z konsultantem', 'proszę o połączenie z człowiekiem'],
  es: ['quiero hablar con una persona', 'pásame con un agente, por favor'],
  de: ['ich möchte mit einem Menschen sprechen', 'bitte verbinden Sie mich mit einem Mitarbeiter'],
  zh: ['转人工', '我要找人工客服'],
  fr: ['je veux parler à un conseiller', 'passez-moi un humain s’il vous plaît'],
};

export const STOLEN_CARD: Record<Lang, string[]> = {
  en: [
    'my card was stolen',
    'someone stole my wallet with my card',
    'there is a payment I did not make on my card',
  ],
  pl: ['ukradziono mi kartę', 'na karcie jest płatność, której nie robiłem'],
  es: ['me han robado la tarjeta', 'hay un cargo que no he hecho'],
  de: ['meine Karte wurde gestohlen', 'da ist eine Abbuchung, die ich nicht gemacht habe'],
  zh: ['我的卡被偷了', '卡上有一笔不是我本人的消费'],
  fr: ['on m’a volé ma carte', 'il y a un paiement que je n’ai pas fait'],
};

export const FRUSTRATED: Record<Lang, string[]> = {
  en: [
    'I ALREADY TOLD YOU, MY CARD IS NOT HERE',
    'this is useless',
    'you keep asking the same thing, this is ridiculous',
  ],
  pl: ['JUŻ MÓWIŁEM, KARTY NIE MA', 'to jest bezużyteczne'],
  es: ['YA TE LO DIJE, NO TENGO LA TARJETA', 'esto es inútil'],
  de: ['ICH HABE ES DOCH SCHON GESAGT', 'das ist nutzlos'],
  zh: ['我已经说过了！', '这个机器人完全没用'],
  fr: ['JE VOUS L’AI DÉJÀ DIT', 'c’est inutile'],
};

export const BILLING_DISPUTE: Record<Lang, string[]> = {
  en: [
    'I was charged twice for my subscription and want the second charge reversed',
    'my invoice shows a fee I never agreed to',
  ],
  pl: ['pobrano mi opłatę dwa razy za subskrypcję', 'na fakturze jest opłata, na którą się nie zgadzałem'],
  es: ['me han cobrado dos veces la suscripción', 'mi factura tiene un cargo que no acepté'],
  de: [
    'mir wurde das Abo doppelt berechnet',
    'auf meiner Rechnung steht eine Gebühr, der ich nie zugestimmt habe',
  ],
  zh: ['订阅被扣了两次费', '账单上有一笔我没同意的费用'],
  fr: ['on m’a facturé deux fois l’abonnement', 'ma facture contient des frais que je n’ai jamais acceptés'],
};

export const BOT_CLARIFY: Record<Lang, string> = {
  en: 'Sorry, I am not sure I understood. Could you say it another way?',
  pl: 'Przepraszam, nie jestem pewien, czy rozumiem. Czy możesz to ująć inaczej?',
  es: 'Perdona, no estoy seguro de haberlo entendido. ¿Puedes decirlo de otra forma?',
  de: 'Entschuldigung, ich bin nicht sicher, ob ich das verstanden habe. Kannst du es anders formulieren?',
  zh: '抱歉，我不太确定是否理解了。可以换个说法吗？',
  fr: 'Désolé, je ne suis pas sûr d’avoir compris. Pouvez-vous reformuler ?',
};

export const BOT_HANDOFF: Record<Lang, string> = {
  en: 'I am connecting you with a member of our team; they will see this whole conversation.',
  pl: 'Łączę z konsultantem; zobaczy całą naszą rozmowę.',
  es: 'Te paso con una persona del equipo; verá toda esta conversación.',
  de: 'Ich verbinde dich mit unserem Team; es sieht den ganzen Verlauf.',
  zh: '正在为您转接人工客服，对方可以看到完整的对话记录。',
  fr: 'Je vous mets en relation avec un conseiller ; il verra toute la conversation.',
};

export const AGENT_REPLY: Record<Lang, string[]> = {
  en: [
    'Hi, I can see the whole conversation. Let me sort this out for you.',
    'Done: I have fixed it on our side. Anything else?',
  ],
  pl: [
    'Dzień dobry, widzę całą rozmowę. Już się tym zajmuję.',
    'Gotowe, poprawiłem to po naszej stronie. Coś jeszcze?',
  ],
  es: ['Hola, veo toda la conversación. Me encargo ahora mismo.', 'Listo, lo he solucionado. ¿Algo más?'],
  de: [
    'Hallo, ich sehe den ganzen Verlauf. Ich kümmere mich darum.',
    'Erledigt, ich habe es korrigiert. Noch etwas?',
  ],
  zh: ['您好，我已看到完整的对话记录，马上为您处理。', '已经处理好了，还有其他问题吗？'],
  fr: ['Bonjour, je vois toute la conversation. Je m’en occupe.', 'C’est réglé de notre côté. Autre chose ?'],
};

export const LANGUAGE_QUEUE: Record<Lang, string> = {
  en: 'general',
  pl: 'polish',
  es: 'spanish',
  de: 'german',
  zh: 'chinese',
  fr: 'french',
};

export const COUNTRIES: Record<Lang, Array<{ country: string; timeZone: string }>> = {
  en: [
    { country: 'GB', timeZone: 'Europe/London' },
    { country: 'US', timeZone: 'America/New_York' },
    { country: 'US', timeZone: 'America/Los_Angeles' },
    { country: 'IE', timeZone: 'Europe/Dublin' },
  ],
  pl: [{ country: 'PL', timeZone: 'Europe/Warsaw' }],
  es: [
    { country: 'ES', timeZone: 'Europe/Madrid' },
    { country: 'MX', timeZone: 'America/Mexico_City' },
  ],
  de: [
    { country: 'DE', timeZone: 'Europe/Berlin' },
    { country: 'AT', timeZone: 'Europe/Vienna' },
  ],
  zh: [
    { country: 'CN', timeZone: 'Asia/Shanghai' },
    { country: 'TW', timeZone: 'Asia/Taipei' },
  ],
  fr: [
    { country: 'FR', timeZone: 'Europe/Paris' },
    { country: 'BE', timeZone: 'Europe/Brussels' },
  ],
};

export const NAMES: Record<Lang, string[]> = {
  en: ['Alex Morgan', 'Sam Taylor', 'Jordan Lee', 'Chris Walker', 'Pat Kelly', 'Robin Shaw'],
  pl: ['Anna Nowak', 'Piotr Kowalski', 'Kasia Wiśniewska', 'Marek Zieliński'],
  es: ['Lucía García', 'Javier López', 'Sofía Martínez'],
  de: ['Lena Schmidt', 'Jonas Müller', 'Mia Schneider'],
  zh: ['王伟', '李娜', '张敏'],
  fr: ['Camille Martin', 'Louis Bernard', 'Chloé Dubois'],
};
