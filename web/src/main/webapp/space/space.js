// The collaboration space of the join page: a whiteboard and a room, over the session's WebSocket.
(function () {
  'use strict';
  var root = document.getElementById('space');
  if (!root) { return; }
  var sessionId = root.dataset.session;
  var credential = root.dataset.credential;
  var endsAt = new Date(root.dataset.ends);
  var board = document.getElementById('board');
  var context = board ? board.getContext('2d') : null;
  var strokes = [];
  var socket;
  var retries = 0;

  function element(id) { return document.getElementById(id); }

  function showError(text) {
    var box = element('space-error');
    box.textContent = text;
    box.hidden = !text;
  }

  function tick() {
    var left = Math.max(0, endsAt.getTime() - Date.now());
    var minutes = Math.floor(left / 60000);
    var seconds = Math.floor((left % 60000) / 1000);
    element('time-left').textContent = left === 0 ? 'ended' : minutes + ' min ' + seconds + ' s left';
  }

  function draw(stroke) {
    if (!context || stroke.points.length === 0) { return; }
    context.strokeStyle = stroke.color;
    context.lineWidth = stroke.width;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(stroke.points[0][0] * board.width, stroke.points[0][1] * board.height);
    stroke.points.forEach(function (p) { context.lineTo(p[0] * board.width, p[1] * board.height); });
    if (stroke.points.length === 1) {
      context.lineTo(stroke.points[0][0] * board.width + 0.1, stroke.points[0][1] * board.height);
    }
    context.stroke();
  }

  function wipe() {
    strokes = [];
    if (context) { context.clearRect(0, 0, board.width, board.height); }
  }

  function say(event) {
    var item = document.createElement('li');
    var author = document.createElement('span');
    author.className = 'author';
    author.textContent = event.author;
    item.appendChild(author);
    item.appendChild(document.createTextNode(event.text));
    var list = element('messages');
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
  }

  function apply(event) {
    if (event.type === 'stroke') { strokes.push(event); draw(event); }
    else if (event.type === 'clear') { wipe(); }
    else if (event.type === 'message') { say(event); }
  }

  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    var base = location.pathname.replace(/\/join\/.*$/, '');
    socket = new WebSocket(scheme + location.host + base + '/join/' + encodeURIComponent(sessionId) + '/space');
    socket.onopen = function () {
      socket.send(JSON.stringify({ type: 'hello', credential: credential }));
    };
    socket.onmessage = function (message) {
      var frame = JSON.parse(message.data);
      if (frame.type === 'welcome') {
        retries = 0;
        element('connection').textContent = 'connected';
        wipe();
        element('messages').innerHTML = '';
        frame.history.forEach(apply);
        element('present').textContent = frame.present.join(', ');
      } else if (frame.type === 'presence') {
        element('present').textContent = frame.present.join(', ');
      } else if (frame.type === 'error') {
        showError(frame.reason);
      } else if (frame.type === 'closed') {
        element('connection').textContent = frame.reason || 'closed';
        retries = -1;
      } else {
        showError('');
        apply(frame);
      }
    };
    socket.onclose = function () {
      if (retries < 0 || Date.now() >= endsAt.getTime()) {
        element('connection').textContent = 'the session is over';
        return;
      }
      element('connection').textContent = 'reconnecting…';
      retries += 1;
      setTimeout(connect, Math.min(10000, 500 * retries));
    };
  }

  if (board) {
    var current = null;
    var position = function (event) {
      var box = board.getBoundingClientRect();
      var x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
      var y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
      return [Math.round(x * 10000) / 10000, Math.round(y * 10000) / 10000];
    };
    board.addEventListener('pointerdown', function (event) {
      current = { points: [position(event)], color: element('color').value, width: Number(element('width').value) };
      board.setPointerCapture(event.pointerId);
    });
    board.addEventListener('pointermove', function (event) {
      if (!current || current.points.length >= 1000) { return; }
      var last = current.points[current.points.length - 1];
      var next = position(event);
      context.strokeStyle = current.color;
      context.lineWidth = current.width;
      context.beginPath();
      context.moveTo(last[0] * board.width, last[1] * board.height);
      context.lineTo(next[0] * board.width, next[1] * board.height);
      context.stroke();
      current.points.push(next);
    });
    var finish = function () {
      if (!current) { return; }
      socket.send(JSON.stringify({ type: 'stroke', points: current.points, color: current.color, width: current.width }));
      current = null;
    };
    board.addEventListener('pointerup', finish);
    board.addEventListener('pointercancel', finish);
    element('clear').addEventListener('click', function () { socket.send(JSON.stringify({ type: 'clear' })); });
  }

  element('say').addEventListener('submit', function (event) {
    event.preventDefault();
    var input = element('text');
    if (input.value.trim()) {
      socket.send(JSON.stringify({ type: 'message', text: input.value }));
      input.value = '';
    }
  });

  tick();
  setInterval(tick, 1000);
  connect();
}());
