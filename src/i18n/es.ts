import type { Catalog } from './en.js';

/** "a las 08:00", but "a la 01:00" */
const alas = (time: string) => (time.startsWith('01:') ? `a la ${time}` : `a las ${time}`);

export const es: Catalog = {
  commands: {
    latest: {
      usage: 'ultimas [n]',
      about: 'las noticias más recientes (5 por defecto, 20 como máximo)',
      examples: ['ultimas', 'ultimas 10'],
    },
    country: {
      usage: 'pais <nombre o código>[, ...] [desde <fecha>]',
      about: 'noticias sobre esos países o regiones',
      examples: ['pais costa rica', 'pais Honduras, GT desde 2020-09', 'pais caribe desde 30 dias'],
    },
    search: {
      usage: 'buscar <palabras>',
      about: 'búsqueda de texto, en español o en inglés',
      examples: ['buscar reclutamiento ético', 'buscar remittances'],
    },
    subscribe: {
      usage: 'suscribir <país>[, ...] [tema <tema>[, ...]]',
      about: 'este chat recibe un resumen semanal de esos países',
      examples: ['suscribir Honduras', 'suscribir Guatemala, El Salvador', 'suscribir centroamerica'],
    },
    unsubscribe: {
      usage: 'cancelar <país> | cancelar todo | cancelar tema <tema>',
      about: 'dejar de recibir algunos o todos',
      examples: ['cancelar Honduras', 'cancelar todo'],
    },
    subscriptions: {
      usage: 'suscripciones',
      about: 'a qué está suscrito este chat y cuándo sale su resumen',
      examples: ['suscripciones'],
    },
    schedule: {
      usage: 'horario <día o diario> <hora> [<zona horaria>]',
      about: 'cuándo sale el resumen de este chat: semanal (por defecto) o diario',
      examples: [
        'horario lunes 09:00',
        'horario viernes 8 de la mañana San Salvador',
        'horario diario 20:00 Ciudad de México',
        'horario jueves 8:30 pm UTC-6',
      ],
    },
    pause: {
      usage: 'pausar',
      about: 'detener por ahora los resúmenes de este chat, conservando sus países y su horario',
      examples: ['pausar'],
    },
    resume: {
      usage: 'reanudar',
      about:
        'volver a enviar los resúmenes de este chat después de pausar: lo que llegó entretanto no se pierde',
      examples: ['reanudar'],
    },
    quiet: {
      usage: 'silencio si | silencio no',
      about: 'los resúmenes de este chat sin sonido de notificación (Telegram); solo, el ajuste actual',
      examples: ['silencio si', 'silencio no', 'silencio'],
    },
    topics: {
      usage: 'temas',
      about: 'los temas con que se etiquetan las noticias, y los de este chat',
      examples: ['temas', 'suscribir Honduras tema remesas', 'cancelar tema remesas'],
    },
    format: {
      usage: 'formato compacto | formato completo',
      about:
        'cómo se leen los resúmenes de este chat: compacto, una línea por noticia (por omisión), o completo, con el resumen de cada noticia; solo, el actual',
      examples: ['formato completo', 'formato compacto', 'formato'],
    },
    language: {
      usage: 'idioma es | idioma en',
      about: 'el idioma de las respuestas y resúmenes de este chat',
      examples: ['idioma en'],
    },
    digest: {
      usage: 'resumen [<desde>-<hasta>]',
      about:
        'una vista previa de lo que tendría ahora el próximo resumen; con los números con que termina un resumen («Y 25 más: resumen 120-165»), el resto de ese resumen',
      examples: ['resumen', 'resumen 120-165'],
    },
    sources: {
      usage: 'fuentes',
      about: 'las fuentes de noticias: última lectura, cantidad, último error',
      examples: ['fuentes'],
    },
    help: {
      usage: 'ayuda [comando]',
      about: 'cómo usar cada comando, con ejemplos',
      examples: ['ayuda', 'ayuda pais'],
    },
  },
  usageLine: (usage) => `Uso: ${usage}`,
  examples: 'Ejemplos:',
  helpHeading: 'Noticias de migración: comandos',
  helpFooter:
    'Escriba ayuda <comando> para ver ejemplos. Los países se escriben en español o en inglés, o con su código de dos letras (CR, HN).',
  welcomeHeading: '¡Hola! Traigo noticias de migración laboral de Centroamérica, Norteamérica y el Caribe.',
  welcomeBody: [
    'Pida noticias de un país, busque, o suscriba este chat a un resumen semanal:',
    '• pais costa rica\n• buscar reclutamiento ético\n• suscribir Honduras, Guatemala\n• idioma en (replies in English)',
  ],
  unknownCommand: (word) => `No conozco el comando «${word}».`,
  greetingHelp: (help) => `Escriba «${help}» para ver todos los comandos.`,
  didYouMeanCommand: (cmd) => `¿Quiso decir «${cmd}»?`,
  seeHelp: 'Escriba ayuda para ver todos los comandos.',
  apology: 'Lo siento, algo falló de mi lado al responder. Por favor, inténtelo de nuevo en un momento.',
  storeAway:
    'No se puede llegar al almacén de noticias en este momento, así que no se hizo nada. Por favor, inténtelo de nuevo en un momento.',
  storeDiskFull:
    'No pude guardar eso: el disco donde este bot guarda sus datos está lleno. No se cambió nada. Avise a quien administra el bot; cuando haya espacio, escriba el comando de nuevo.',
  storeWriteFailed:
    'No pude guardar eso: este bot no pudo escribir su archivo de datos. No se cambió nada. Avise a quien administra el bot y luego escriba el comando de nuevo.',
  endOfList: 'Eso era todo: la lista no tiene nada más.',
  nothingMore: 'No hay nada más que mostrar: primero use un comando (ultimas, pais, buscar).',
  storeOwnedElsewhere:
    'Otro proceso de newsbot tiene este almacén (el que envía los resúmenes) y sobrescribiría este cambio: hágalo allí, o detenga primero aquel. Si ya se detuvo o lo mataron, este lo reemplaza en menos de medio minuto: inténtelo de nuevo entonces.',
  adminsOnly:
    'Solo los administradores de este chat pueden cambiar sus suscripciones, su horario y su idioma.',

  unknownPlace: (name) => `No conozco el país o la región «${name}».`,
  didYouMean: (names) => `¿Quiso decir ${names}?`,
  placeIsInside: (place, country) =>
    `${place} está en ${country}: las suscripciones y consultas son por país.`,
  ambiguousPlace: (name, options) => `«${name}» puede ser ${options}: por favor, indique cuál.`,
  placeHint:
    'Use el nombre de un país o región en español o en inglés, o su código de dos letras (CR, HN, DO).',
  or: 'o',
  and: 'y',

  latestHeading: 'Últimas noticias',
  range: (from, to, total, atLeast) =>
    atLeast ? `${from}–${to} de más de ${total}` : `${from}–${to} de ${total}`,
  noItems: 'Todavía no hay noticias. El comando fuentes muestra de dónde vienen.',
  countryHeading: (places) => `Noticias sobre ${places}`,
  sinceDate: (date) => `desde ${date}`,
  noneForPlaces: (places) => `Todavía no hay noticias sobre ${places}.`,
  noneForPlacesSince: (places, date) => `No hay noticias sobre ${places} desde ${date}.`,
  sinceWithoutDate:
    'desde necesita una fecha: desde 2020-09, desde hace 30 días, desde marzo 2021, desde la semana pasada o desde el lunes.',
  badSince: (text) =>
    `No entiendo «${text}» como fecha. Pruebe desde 2020-09-01, desde 2020-09, desde hace 30 días, desde marzo 2021, desde la semana pasada, desde ayer o desde el lunes.`,
  latestAtMost: (max) => `Muestro como máximo ${max} a la vez: aquí están las ${max} más recientes.`,
  badCount: (text) => `«${text}» no es un número del 1 al 20.`,
  searchHeading: (q) => `Búsqueda: «${q}»`,
  byTopic: (q, topics) => `Ninguna noticia tiene las palabras «${q}»; estas tratan de ${topics}:`,
  topicNames: {
    'ethical-recruitment': 'reclutamiento ético',
    'labour-rights': 'derechos laborales',
    'covid-19': 'COVID-19',
    diaspora: 'la diáspora',
    remittances: 'remesas',
    return: 'retorno y reintegración',
    trafficking: 'trata y tráfico de personas',
    integration: 'integración',
  },
  noHits: (q) =>
    `No encontré nada para «${q}». Pruebe con menos palabras, otras palabras o el otro idioma (reclutamiento / recruitment).`,
  searchNeedsWords: 'Dígame qué buscar.',

  subscribed: (places) => `Este chat ahora está suscrito a ${places}.`,
  alreadySubscribed: (places) => `Este chat ya estaba suscrito a ${places}.`,
  resumed: (reason) => `Los resúmenes a este chat estaban en pausa (${reason}); vuelven a enviarse.`,
  firstDigestNote: 'El primer resumen trae lo que llegue a partir de ahora.',
  nextDigest: (when) => `Próximo resumen: ${when}.`,
  latestForThem: 'Lo más reciente sobre ellos ahora:',
  allOfRegion: (region) => `Son todos los países de ${region}: ¿suscribir ${region}?`,
  pickCountry: 'Elija un país para suscribir este chat, o escriba suscribir <país>[, ...].',
  noCountriesYet: 'Todavía no hay noticias de las que elegir países. Escriba suscribir <país>.',
  unsubscribed: (places) => `Este chat ya no está suscrito a ${places}.`,
  notSubscribedTo: (places) => `Este chat no está suscrito a ${places}.`,
  unsubscribedAll: 'Este chat ya no está suscrito a nada. No recibirá más resúmenes.',
  nothingToUnsubscribe: 'Este chat no tiene suscripciones.',
  stopHow: (places, pause, all) =>
    `Este chat recibe resúmenes sobre ${places}. Para detenerlos un tiempo, guardando los países y el horario: ${pause}. Para dejar de recibirlos todos y olvidar los países: ${all}. Para dejar solo algunos: cancelar <país>.`,
  stillSubscribed: (places) => `Sigue suscrito a ${places}.`,
  subscriptionsHeading: 'Suscripciones de este chat',
  subscribedTo: (places, daily = false) => `Resumen ${daily ? 'diario' : 'semanal'} sobre: ${places}.`,
  noSubscriptions: 'Este chat no tiene suscripciones. Pruebe: suscribir Honduras',
  everyWeekday: (weekday, time) => `cada ${weekday} ${alas(time)}`,
  everyDay: (time) => `todos los días ${alas(time)}`,
  scheduleLine: (when, tz) => `${when[0].toUpperCase()}${when.slice(1)} (${tz}).`,
  pausedLine: (since, reason) =>
    `En pausa desde ${since}: ${reason}. Cuando esté resuelto, escriba reanudar (o suscribir de nuevo).`,
  pauseReasons: {
    bot_removed: 'el bot fue retirado de este chat',
    bot_blocked: 'el bot fue bloqueado en este chat',
    not_in_channel: 'la aplicación no es miembro de este canal (invítela con /invite)',
    channel_not_found:
      'la aplicación no puede ver este canal (un canal privado en el que no está, o uno eliminado)',
    is_archived: 'el canal está archivado',
    account_inactive: 'la aplicación fue retirada de este espacio de trabajo',
    chat_not_found: 'la plataforma ya no encuentra este chat',
    unreachable: 'la plataforma se negó a entregar aquí',
    by_user: 'en pausa con el comando pausar',
  },
  languageLine: 'Respuestas y resúmenes en español.',

  pausedByUserLine: (since) =>
    `En pausa desde ${since} (pausar). Escriba reanudar para volver a recibir los resúmenes.`,
  pausedNow: (places, when) =>
    `Los resúmenes a este chat están en pausa. Se conservan sus países (${places}) y su horario (${when}).`,
  pausedHowToResume: 'Escriba reanudar para volver a recibirlos: lo que llegue entretanto no se pierde.',
  alreadyPaused: (since) => `Los resúmenes a este chat están en pausa desde ${since}.`,
  nothingToPause:
    'Este chat no tiene suscripciones, así que no tiene resúmenes que pausar. Pruebe: suscribir Honduras',
  resumedByUser: 'Los resúmenes a este chat vuelven a enviarse.',
  notPaused: 'Los resúmenes a este chat no están en pausa.',
  catchUpNow:
    'Un resumen tocaba mientras estaban en pausa: sale ahora (en menos de un minuto) y después el día de siempre.',
  resumeHolds: (n) =>
    n === 0
      ? 'Todavía no ha llegado nada nuevo desde el último resumen.'
      : `Trae lo que llegó desde el último resumen, también durante la pausa: ${n === 1 ? '1 noticia nueva' : `${n} noticias nuevas`} por ahora.`,
  nothingAfter: (text) => `Este comando no lleva nada después («${text}»).`,
  quietLine: (on) =>
    on
      ? 'Los resúmenes de este chat llegan en silencio, sin sonido de notificación (silencio si).'
      : 'Los resúmenes de este chat llegan con la notificación de siempre (silencio no).',
  changeQuiet: 'Para cambiarlo: silencio si o silencio no.',
  formatLine: (full) =>
    full
      ? 'Los resúmenes de este chat son completos: cada noticia con su resumen (formato completo).'
      : 'Los resúmenes de este chat son compactos: una línea por noticia (formato compacto).',
  changeFormat: 'Para cambiarlo: formato compacto o formato completo.',
  formatSet: (full) =>
    full
      ? 'Los resúmenes de este chat ahora llegan completos: cada noticia con su resumen.'
      : 'Los resúmenes de este chat ahora llegan compactos: una línea por noticia.',
  badFormat: (text) =>
    text ? `«${text}» no es un formato: diga compacto o completo.` : 'Diga compacto o completo.',
  quietOnSet: 'Los resúmenes de este chat ahora llegan en silencio, sin sonido de notificación.',
  quietOffSet: 'Los resúmenes de este chat ahora llegan con la notificación de siempre.',
  badQuiet: (text) => (text ? `«${text}» no es ni si ni no.` : 'Diga si o no.'),
  unsubscribeAsk: (places) =>
    `¿Cancelar todos los resúmenes de este chat (${places})? Se olvidarían sus países y su horario; pausar los conserva.`,
  pickSchedule: (zone) => `O elija uno de estos, en la zona de este chat (${zone}):`,
  dailyWord: 'diario',
  topicsHeading: 'Temas',
  topicsOfChat: (list) => `Los resúmenes de este chat traen solo noticias sobre ${list}.`,
  topicsAll: 'Los resúmenes de este chat traen noticias de todos los temas.',
  topicsHow: 'Para quitar uno: cancelar tema <tema>. Escriba temas para verlos todos.',
  topicsHowTo: (example) =>
    `Para limitar un resumen a algunos: ${example} (varios, con comas); para quitar uno: cancelar tema <tema>.`,
  topicRemoved: (list) => `Quitado: ${list}.`,
  topicNotSet: (list) => `Los resúmenes de este chat no están limitados a ${list}.`,
  unknownTopic: (name) => `No conozco el tema «${name}».`,
  knownTopics: (list) => `Los temas son ${list}.`,
  topicMissing: 'Escriba un tema después de tema, por ejemplo: suscribir Honduras tema remesas.',
  topicNeedsCountry:
    'Un tema limita lo que traen los países de una suscripción: nombre también un país, por ejemplo suscribir Honduras tema remesas.',
  stillPausedNote: 'Los resúmenes a este chat están en pausa: escriba reanudar para volver a recibirlos.',

  scheduleSet: (when, tz) => `Los resúmenes de este chat ahora salen ${when} (${tz}).`,
  changeSchedule:
    'Para cambiar cuándo sale: horario <día o diario> <hora> [zona], por ejemplo horario viernes 8 de la mañana San Salvador.',
  zoneFamilies: {
    eastern: 'hora del este',
    central: 'hora del centro',
    mountain: 'hora de la montaña',
    pacific: 'hora del Pacífico',
    atlantic: 'hora del Atlántico',
    newfoundland: 'hora de Terranova',
    alaska: 'hora de Alaska',
    hawaii: 'hora de Hawái',
    utc: 'UTC',
  },
  zoneKept: (typed, instead, city) =>
    `«${typed}» se toma como la zona de este chat; para la hora de ${city}, escriba ${instead}.`,
  badWeekday: (text) => `«${text}» no es un día de la semana. Use lunes … domingo (o monday … sunday).`,
  badTime: (text) =>
    `«${text}» no es una hora. Escríbala como 08:00, 8 de la mañana, 8:30 pm, 20h o 20:00 (un 8 solo puede ser de la mañana o de la noche).`,
  badTimeZone: (text) => `No conozco la zona horaria «${text}».`,
  timeZoneHint:
    'Escriba una ciudad o un país (San Salvador, Ciudad de México, Kingston), una zona IANA (America/Tegucigalpa), una abreviatura (EST, CST, AST) o un desfase (UTC-6).',

  changeLanguage: 'Para cambiarlo: idioma en (replies in English) o idioma es.',
  languageSet: 'Las respuestas de este chat ahora son en español.',
  badLanguage: (text) => `«${text}» no es un idioma que hable. Use es (español) o en (English).`,

  digestHeading: (places, daily = false) => `Resumen ${daily ? 'diario' : 'semanal'}: ${places}`,
  digestCount: (n) => (n === 1 ? '1 noticia nueva' : `${n} noticias nuevas`),
  digestMore: (n, command) => `Y ${n} más: ${command}`,
  previewHeading: (places) => `Vista previa del resumen: ${places}`,
  digestRestHeading: (places) => `Más del resumen: ${places}`,
  digestRestNone: 'Ese resumen no tiene nada más que mostrar.',
  badDigestWindow: (text) =>
    `«${text}» no son los números de un resumen: use los dos con que termina un resumen, como en resumen 120-165.`,
  previewNothing: 'Nada nuevo desde el último resumen: ahora no saldría ningún resumen.',
  previewNothingYet:
    'Todavía no ha salido ningún resumen, y no ha llegado nada nuevo desde que este chat se suscribió: ahora no saldría ningún resumen.',
  previewNote: (when) => `Esto es lo que tendría el próximo resumen si saliera ahora. Sale ${when}.`,
  previewNoSubscription:
    'Este chat no tiene suscripciones, así que no recibe resúmenes. Pruebe: suscribir Honduras',

  sourcesHeading: 'Fuentes de noticias',
  sourceLine: (name, items) => `${name}: ${items} ${items === 1 ? 'noticia' : 'noticias'}`,
  sourceOk: (when) => `última lectura ${when}`,
  sourceNever: 'todavía sin leer',
  sourceNeverRead: 'nunca leída con éxito',
  sourceError: (when, err) => `último error ${when}: ${err}`,
  sourceNextTry: (when) => `próximo intento ${when}`,
  noSources: 'No hay fuentes configuradas (NEWS_SOURCES).',

  // Límites de lo que puede pedir un comando (src/commands/limits.ts).
  commandTooLong: (max, length) =>
    `Ese comando es demasiado largo (${length} caracteres): como máximo ${max}. Pida menos de una vez.`,
  moreUnknownPlaces: (n) =>
    `…y ${n} ${n === 1 ? 'nombre más que tampoco conozco' : 'nombres más que tampoco conozco'}. Pida menos lugares de una vez.`,

  buttons: {
    more: 'Más',
    share: 'Compartir en el canal',
    subscribe: (place) => `Suscribir: ${place}`,
    subscribeChannel: (place) => `Suscribir este chat: ${place}`,
    unsubscribe: (place) => `Cancelar: ${place}`,
    pause: 'Pausar',
    resume: 'Reanudar',
    unsubscribeDigest: 'Cancelar suscripción',
    changeWhen: 'Cambiar día/hora',
    confirmUnsubscribeAll: 'Sí, cancelar todo',
    keepSubscriptions: 'No, mantenerlas',
    unsubscribeAll: 'Cancelar todo',
  },
};
