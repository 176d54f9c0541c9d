import type { Lang } from '../../src/i18n/index.js';

/**
 * What only the Slack adapter says, in both languages. The core's catalogs hold everything
 * platform-neutral; these lines are about Slack itself (slash commands, /invite).
 * Each returns mrkdwn written by us, so it may use formatting and a bot mention. The mention
 * stays outside backticks: Slack shows a mention inside code as its raw <@U…> form.
 */
export interface SlackTexts {
  /** the bot cannot see this conversation: a private channel it is not in, or someone else's DM */
  notVisible(bot: string): string;
  notVisibleDm: string;
  notMember(bot: string): string;
  archived: string;
  /** how commands are typed in Slack, under help and usage replies */
  commandHint(command: string): string;
  /** under quiet (and help quiet): Slack has no silent message */
  quietNote: string;
  /** the bot itself, when its user id is not known */
  theApp: string;
  /** the end of an answer cut to the posts Slack allows one command */
  replyCut: string;
  /** above a change posted for the whole channel: who made it, and with what command */
  changedBy(user: string, command: string): string;
  home: {
    title: string;
    subscriptions: string;
    noSubscriptions(command: string): string;
    moreChannels(n: number): string;
    latest: string;
    moreNews(command: string): string;
  };
}

const en: SlackTexts = {
  notVisible: (bot) =>
    `:warning: I can't see this channel, so the digests can't be posted here. If it is a private channel, type /invite ${bot} in it: the subscription is saved and the digests start once I'm in.`,
  notVisibleDm:
    ":warning: I can't post in this conversation, so the digests can't be delivered here. Subscribe a channel instead (invite me there with /invite), or use the app's own Messages tab.",
  notMember: (bot) =>
    `:warning: I'm not a member of this channel yet, so the digests can't be posted here. Type /invite ${bot} in this channel to add me.`,
  archived: ':warning: This channel is archived: no digests can be posted here.',
  commandHint: (command) =>
    `In Slack, type each command after ${command}, such as ${command} country costa rica or ${command} help.`,
  quietNote:
    'Slack has no silent delivery for a single message, so quiet changes nothing here: the setting is kept, and it counts if this chat is on Telegram. To silence the digests in Slack, mute the channel or change its notification settings.',
  theApp: 'the app',
  changedBy: (user, command) => `${user} used ${command}`,
  replyCut:
    'This answer was too long for Slack to show in full and stops here: ask for less at a time to see the rest.',
  home: {
    title: 'Migration news',
    subscriptions: '*Subscriptions of your channels*',
    noSubscriptions: (c) =>
      `None of your channels is subscribed yet. In a channel, type ${c} subscribe Honduras (or another country).`,
    moreChannels: (n) => `And ${n} more channels.`,
    latest: '*Latest news*',
    moreNews: (c) => `More with ${c} latest, ${c} country <name> or ${c} search <words>, in any channel.`,
  },
};

const es: SlackTexts = {
  notVisible: (bot) =>
    `:warning: No puedo ver este canal, así que los resúmenes no se pueden publicar aquí. Si es un canal privado, escriba /invite ${bot} en él: la suscripción queda guardada y los resúmenes empiezan en cuanto esté dentro.`,
  notVisibleDm:
    ':warning: No puedo publicar en esta conversación, así que los resúmenes no llegarán aquí. Suscriba un canal (invíteme allí con /invite) o use la pestaña Mensajes de la aplicación.',
  notMember: (bot) =>
    `:warning: Todavía no soy miembro de este canal, así que los resúmenes no se pueden publicar aquí. Escriba /invite ${bot} en este canal para añadirme.`,
  archived: ':warning: Este canal está archivado: no se pueden publicar resúmenes aquí.',
  commandHint: (command) =>
    `En Slack, escriba cada comando después de ${command}, por ejemplo ${command} pais costa rica o ${command} ayuda.`,
  quietNote:
    'Slack no permite enviar un mensaje sin notificación, así que silencio no cambia nada aquí: el ajuste se guarda, y cuenta si este chat es de Telegram. Para silenciar los resúmenes en Slack, silencie el canal o cambie sus notificaciones.',
  theApp: 'la aplicación',
  changedBy: (user, command) => `${user} usó ${command}`,
  replyCut:
    'Esta respuesta era demasiado larga para que Slack la muestre completa y termina aquí: pida menos de una vez para ver el resto.',
  home: {
    title: 'Noticias de migración',
    subscriptions: '*Suscripciones de sus canales*',
    noSubscriptions: (c) =>
      `Ninguno de sus canales está suscrito todavía. En un canal, escriba ${c} suscribir Honduras (u otro país).`,
    moreChannels: (n) => `Y ${n} canales más.`,
    latest: '*Últimas noticias*',
    moreNews: (c) => `Más con ${c} ultimas, ${c} pais <nombre> o ${c} buscar <palabras>, en cualquier canal.`,
  },
};

export function slackTexts(lang: Lang): SlackTexts {
  return lang === 'es' ? es : en;
}
