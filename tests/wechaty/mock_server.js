#!/usr/bin/env node
/**
 * The real Wechaty puppet service (gRPC, no TLS) in front of the mock puppet, for jianfu's WeChat
 * adapter tests. Install once: `npm ci` in this folder.
 *
 *   node mock_server.js --port 8788 --token TOKEN --world world.json
 *
 * world.json: {"bot": {"id": "bot", "name": "减负"},
 *              "contacts": [{"id": "u1", "name": "张三"}],
 *              "rooms": [{"id": "r1@chatroom", "topic": "…", "members": ["bot", "u1"],
 *                         "aliases": {"u1": "张主任"}}]}
 *
 * Standard input, one JSON command per line:
 *   {"cmd": "say", "from": "u1", "room": "r1@chatroom", "text": "…"}   a room message
 *   {"cmd": "say", "from": "u1", "text": "/digest"}                     a private message to the bot
 *     optional: "id", "type" (text|image|video|voice|file|link|sticker|recalled|system),
 *     "filename", "mentions": ["u2"], "timestamp" (ms)
 *   {"cmd": "join", "room": "…", "members": ["u3"], "by": "u1"}         room-join (and member list)
 *   {"cmd": "leave", "room": "…", "members": ["u3"], "by": "u1"}        room-leave
 *   {"cmd": "replay"}  emit every injected message again, as a puppet's re-sync after a re-login does
 *   {"cmd": "mute"}    the event stream goes silent (no event, no dong) until the client restarts it
 *   {"cmd": "no_files"}  from now on the puppet refuses to send files (as some puppets do)
 * Standard output, one JSON event per line:
 *   {"event": "ready", "port": 8788}, {"event": "stream_open"}, {"event": "stream_closed"},
 *   {"event": "said", "id": "…"} (after each say), {"event": "sent", "to": "u1", "text": "…"},
 *   {"event": "sent_file", "to": "u1", "name": "report.xlsx", "size": 1234}, {"event": "error", …}
 */
'use strict'

const fs = require('fs')
const readline = require('readline')

const { PuppetServer } = require('wechaty-puppet-service')
const { PuppetMock, mock } = require('wechaty-puppet-mock')
const { log, MessageType } = require('wechaty-puppet')

log.level(process.env.WECHATY_LOG || 'error')

const TYPES = {
  text: MessageType.Text,
  image: MessageType.Image,
  video: MessageType.Video,
  voice: MessageType.Audio,
  file: MessageType.Attachment,
  link: MessageType.Url,
  sticker: MessageType.Emoticon,
  recalled: MessageType.Recalled,
  system: MessageType.Unknown,
}

function out (event) {
  process.stdout.write(JSON.stringify(event) + '\n')
}

function options (argv) {
  const found = {}
  for (let i = 2; i < argv.length; i += 2) {
    found[argv[i].replace(/^--/, '')] = argv[i + 1]
  }
  if (!found.port || !found.token || !found.world) {
    throw new Error('usage: mock_server.js --port PORT --token TOKEN --world world.json')
  }
  return found
}

function buildWorld (mocker, world) {
  const contacts = [world.bot, ...(world.contacts || [])]
  for (const contact of contacts) {
    mocker.createContact({ id: contact.id, name: contact.name, alias: contact.alias })
  }
  const aliases = {}
  for (const room of world.rooms || []) {
    mocker.createRoom({ id: room.id, topic: room.topic, memberIdList: [...room.members],
                        adminIdList: [], ownerId: room.members[0] })
    aliases[room.id] = room.aliases || {}
  }
  return aliases
}

/** The mock answers member lists with [] and every member as 'mock-name': use the world. */
function realMembers (puppet, mocker, aliases) {
  puppet.roomMemberList = async (roomId) => [...mocker.roomPayload(roomId).memberIdList]
  puppet.roomMemberRawPayload = async (roomId, contactId) => {
    const contact = mocker.contactPayload(contactId)
    return { id: contactId, name: contact.name, avatar: '',
             roomAlias: (aliases[roomId] || {})[contactId] || '' }
  }
}

/** Print what the bot sends, then let the mock echo it as a message (as WeChat would). */
function recordSends (puppet, state) {
  const sendText = puppet.messageSendText.bind(puppet)
  const sendFile = puppet.messageSendFile.bind(puppet)
  puppet.messageSendText = async (to, text) => {
    out({ event: 'sent', to, text })
    return sendText(to, text)
  }
  puppet.messageSendFile = async (to, file) => {
    if (state.noFiles) {
      throw new Error('this puppet cannot send files')
    }
    const size = (await file.toBuffer()).length
    out({ event: 'sent_file', to, name: file.name, size })
    return sendFile(to, file)
  }
}

/** Tell the test when a client's event stream comes and goes (the server adds one listener). */
function watchStreams (puppet, state) {
  const on = puppet.on.bind(puppet)
  const off = puppet.off.bind(puppet)
  puppet.on = (name, listener) => {
    if (name === 'message') {
      out({ event: 'stream_open' })
    }
    return on(name, listener)
  }
  puppet.off = (name, listener) => {
    if (name === 'message') {
      out({ event: 'stream_closed' })
    }
    return off(name, listener)
  }
  const emit = puppet.emit.bind(puppet)
  puppet.emit = (name, ...args) => (state.muted ? false : emit(name, ...args))
}

function say (mocker, puppet, command, injected) {
  const payload = {
    id: command.id || `m${Date.now()}${Math.random().toString(36).slice(2, 8)}`,
    fromId: command.from,
    text: command.text || '',
    timestamp: command.timestamp || Date.now(),
    type: TYPES[command.type || 'text'],
    filename: command.filename,
  }
  if (command.room) {
    Object.assign(payload, { roomId: command.room, mentionIdList: command.mentions || [] })
  } else {
    payload.toId = command.to || mocker.botId
  }
  injected.push(payload.id)
  mocker.MessageMock.create(payload)
  puppet.emit('message', { messageId: payload.id })
  out({ event: 'said', id: payload.id })
}

function membership (mocker, command, joining) {
  const room = mocker.RoomMock.load(command.room)
  const people = command.members.map(id => mocker.ContactMock.load(id))
  const by = mocker.ContactMock.load(command.by || command.members[0])
  if (joining) {
    room.add(...people).by(by)
  } else {
    room.remove(...people).by(by)
  }
}

function run (command, mocker, puppet, state) {
  switch (command.cmd) {
    case 'say': return say(mocker, puppet, command, state.injected)
    case 'join': return membership(mocker, command, true)
    case 'leave': return membership(mocker, command, false)
    case 'replay':
      for (const id of state.injected) {
        puppet.emit('message', { messageId: id })
      }
      return out({ event: 'replayed', count: state.injected.length })
    case 'mute':
      state.muted = true
      return out({ event: 'muted' })
    case 'no_files':
      state.noFiles = true
      return out({ event: 'no_files' })
    default:
      throw new Error(`unknown command ${JSON.stringify(command)}`)
  }
}

async function main () {
  const args = options(process.argv)
  const world = JSON.parse(fs.readFileSync(args.world, 'utf8'))
  const mocker = new mock.Mocker()
  const puppet = new PuppetMock({ mocker })
  const aliases = buildWorld(mocker, world)
  mocker.botId = world.bot.id
  const state = { muted: false, noFiles: false, injected: [] }
  // Runs on every puppet start(), i.e. each time a client (re)connects: log the bot in again.
  mocker.use(() => {
    state.muted = false
    mocker.login(mocker.ContactMock.load(world.bot.id))
    return () => {}
  })
  realMembers(puppet, mocker, aliases)
  recordSends(puppet, state)
  watchStreams(puppet, state)

  const server = new PuppetServer({ endpoint: `127.0.0.1:${args.port}`, puppet, token: args.token })
  await server.start()
  out({ event: 'ready', port: Number(args.port) })

  const lines = readline.createInterface({ input: process.stdin })
  lines.on('line', line => {
    if (!line.trim()) {
      return
    }
    try {
      run(JSON.parse(line), mocker, puppet, state)
    } catch (e) {
      out({ event: 'error', message: String(e && e.message || e) })
    }
  })
  lines.on('close', () => {
    server.stop().finally(() => process.exit(0))
  })
}

main().catch(e => {
  out({ event: 'error', message: String(e && e.stack || e) })
  process.exit(1)
})
