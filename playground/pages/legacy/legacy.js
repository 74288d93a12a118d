// A headless custom chat UI written the way integrators write them for the Genesys widgets:
// register a plugin on the widgets bus, send WebChatService commands, render from its events.
// Plain ES5 and .done/.fail on purpose: this is the code the CXBus bundle must keep working.
(function () {
  'use strict';

  var oMyPlugin = window._genesys.widgets.bus.registerPlugin('MyPlugin');

  function byId(id) {
    return document.getElementById(id);
  }

  function describe(value) {
    if (typeof value === 'string') return value;
    try {
      return JSON.stringify(value);
    } catch (e) {
      return String(value);
    }
  }

  function log(text) {
    var line = document.createElement('div');
    line.textContent = new Date().toLocaleTimeString() + ' ' + text;
    byId('log').appendChild(line);
    byId('log').scrollTop = byId('log').scrollHeight;
  }

  function setStatus(text) {
    byId('status').textContent = text;
    byId('status').setAttribute('data-status', text);
  }

  function setChatting(active) {
    byId('start-panel').hidden = active;
    byId('message').disabled = !active;
    byId('send').disabled = !active;
    byId('end').disabled = !active;
  }

  var systemText = {
    ParticipantJoined: ' joined',
    ParticipantLeft: ' left',
    PushUrl: ' sent a link: ',
    Notice: ': '
  };

  // One line per message; `data-index` lets anyone check that nothing is shown twice.
  function render(message, restoring) {
    if (message.type === 'TypingStarted' || message.type === 'TypingStopped') return;
    var from = message.from || {};
    var line = document.createElement('div');
    var system = message.type !== 'Message';
    line.className = 'line ' + (system ? 'system' : String(from.type || '').toLowerCase());
    line.setAttribute('data-index', String(message.index));
    line.setAttribute('data-type', message.type);
    if (restoring) line.setAttribute('data-restored', 'true');
    if (system) {
      line.textContent = (from.name || from.type || '') + (systemText[message.type] || (' ' + message.type + ' ')) + (message.text || '');
    } else {
      var who = document.createElement('span');
      who.className = 'who';
      who.textContent = from.name || from.type;
      var text = document.createElement('span');
      text.className = 'text';
      text.textContent = message.text;
      line.appendChild(who);
      line.appendChild(text);
    }
    byId('transcript').appendChild(line);
    byId('transcript').scrollTop = byId('transcript').scrollHeight;
  }

  // Events.
  oMyPlugin.subscribe('WebChatService.ready', function () {
    log('WebChatService.ready');
    var active = oMyPlugin.data('WebChatService.sessionActive') === true;
    setChatting(active);
    setStatus(active ? 'chatting' : 'ready');
  });

  oMyPlugin.subscribe('WebChatService.messageReceived', function (e) {
    for (var i = 0; i < e.data.messages.length; i++) render(e.data.messages[i], e.data.restoring);
  });

  oMyPlugin.subscribe('WebChatService.agentTypingStarted', function (e) {
    byId('typing').textContent = ((e.data.from && e.data.from.name) || 'The agent') + ' is typing…';
  });
  oMyPlugin.subscribe('WebChatService.agentTypingStopped', function () {
    byId('typing').textContent = '';
  });
  oMyPlugin.subscribe('WebChatService.agentTypingTimeout', function () {
    byId('typing').textContent = '';
  });

  oMyPlugin.subscribe('WebChatService.data.sessionActive', function (e) {
    setChatting(e.data.value === true);
  });

  var logged = ['started', 'restored', 'restoreTimeout', 'restoreFailed', 'ended', 'error', 'agentConnected',
    'agentDisconnected', 'disconnected', 'reconnected', 'chatServerWentOffline', 'chatServerBackOnline'];
  for (var i = 0; i < logged.length; i++) {
    oMyPlugin.subscribe('WebChatService.' + logged[i], function (e) {
      log(e.event);
    });
  }
  oMyPlugin.subscribe('WebChatService.started', function () {
    setStatus('chatting');
  });
  oMyPlugin.subscribe('WebChatService.restored', function () {
    setStatus('chatting');
  });
  oMyPlugin.subscribe('WebChatService.ended', function () {
    setStatus('ended');
    byId('typing').textContent = '';
  });

  // Message hooks: smileys become emoji; lines starting with #internal are never shown.
  oMyPlugin.command('WebChatService.registerPreProcessor', {
    preprocessor: function (message) {
      if (message.type === 'Message' && message.text) message.text = message.text.replace(/:\)/g, '\uD83D\uDE42');
      return message;
    }
  }).fail(function (e) {
    log('registerPreProcessor failed: ' + describe(e));
  });

  oMyPlugin.command('WebChatService.addPrefilter', { filters: [/^#internal\b/] }).fail(function (e) {
    log('addPrefilter failed: ' + describe(e));
  });

  // Commands from the UI.
  byId('start').onsubmit = function (event) {
    event.preventDefault();
    var form = event.target;
    byId('start-button').disabled = true;
    setStatus('starting');
    oMyPlugin.command('WebChatService.startChat', {
      nickname: form.nickname.value,
      firstname: form.firstname.value,
      lastname: form.lastname.value,
      email: form.email.value,
      subject: form.subject.value,
      userData: { page: 'legacy demo' }
    }).done(function (e) {
      log('startChat resolved (chat ' + (e.chatId || e.sessionID || '?') + ')');
    }).fail(function (e) {
      setStatus('ready');
      log('startChat failed: ' + describe(e));
    }).always(function () {
      byId('start-button').disabled = false;
    });
  };

  byId('message').oninput = function () {
    oMyPlugin.command('WebChatService.sendTyping', { message: byId('message').value });
  };

  byId('compose').onsubmit = function (event) {
    event.preventDefault();
    var text = byId('message').value;
    if (!text) return;
    oMyPlugin.command('WebChatService.sendMessage', { message: text }).done(function () {
      byId('message').value = '';
    }).fail(function (e) {
      log('sendMessage failed: ' + describe(e));
    });
  };

  byId('end').onclick = function () {
    oMyPlugin.command('WebChatService.endChat').done(function () {
      log('endChat resolved');
    }).fail(function (e) {
      log('endChat failed: ' + describe(e));
    });
  };
})();
