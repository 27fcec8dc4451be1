"""The return page's script, served by the platform at /static/buyer-return.js (the page's
Content-Security-Policy allows scripts from the platform only, no inline script). It reads the
item code with the phone's camera: every SCAN_INTERVAL_MS a frame of the <video> is drawn into a
canvas and POSTed as a JPEG to the page's decode URL (form's data-decode); the first code that is
one of the buyer's units fills the item-code field and stops the camera. A photo of the code
chosen in the "upload" field goes to the same URL. Every text it shows comes from the form's
data-msg-* attributes (bilingual, written by the server)."""

SCAN_INTERVAL_MS = 400

SCRIPT = """'use strict';
(function () {
  var form = document.getElementById('return-form');
  if (!form) { return; }
  var decodeUrl = form.getAttribute('data-decode');
  var csrf = form.querySelector('input[name=csrf_token]').value;
  var field = document.getElementById('item_code');
  var status = document.getElementById('scan-status');
  var video = document.getElementById('camera');
  var scanBtn = document.getElementById('scan');
  var stopBtn = document.getElementById('stop-scan');
  var codePhoto = document.getElementById('code_photo');
  var photo = document.getElementById('photo');
  var preview = document.getElementById('photo-preview');
  var canvas = document.createElement('canvas');
  var stream = null, timer = null, busy = false, slowUntil = 0;

  function msg(name, code) {
    var text = form.getAttribute('data-msg-' + name) || name;
    return code ? text.replace('{code}', code) : text;
  }
  function say(text, kind) {
    status.textContent = text;
    status.className = kind ? 'scan ' + kind : 'scan';
  }
  function stop() {
    if (timer) { clearInterval(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
    video.srcObject = null;
    video.hidden = true;
    stopBtn.hidden = true;
    scanBtn.hidden = false;
  }
  function found(match) {
    field.value = match.item_code;
    field.setAttribute('data-filled-by', 'scan');
    stop();
    say(msg('found', match.item_code) + ' · ' + match.name, 'found');
  }
  function decode(blob) {
    return fetch(decodeUrl, {
      method: 'POST', body: blob, credentials: 'same-origin', cache: 'no-store',
      headers: {'Content-Type': blob.type || 'image/jpeg', 'X-CSRF-Token': csrf}
    }).then(function (r) {
      if (r.status === 429) { slowUntil = Date.now() + 3000; return null; }
      if (!r.ok) {
        return r.json().catch(function () { return {}; }).then(function (j) {
          say(msg('error') + (j.message ? ' (' + j.message + ')' : ''), 'refused');
          return null;
        });
      }
      return r.json();
    });
  }
  function answer(j, fromPhoto) {
    if (!j) { return; }
    if (j.matches && j.matches.length) { found(j.matches[0]); return; }
    if (j.other_codes > 0) { say(msg('other'), 'refused'); }
    else if (fromPhoto) { say(msg('none'), 'refused'); }
  }
  function tick() {
    if (busy || !stream || Date.now() < slowUntil || video.readyState < 2 || !video.videoWidth) { return; }
    busy = true;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
    canvas.toBlob(function (blob) {
      if (!blob || !stream) { busy = false; return; }
      decode(blob).then(function (j) { if (stream) { answer(j, false); } })
        .catch(function () { say(msg('error'), 'refused'); })
        .then(function () { busy = false; });
    }, 'image/jpeg', 0.85);
  }
  scanBtn.addEventListener('click', function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { say(msg('nocam'), 'refused'); return; }
    say(msg('starting'));
    navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}, audio: false}).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      stopBtn.hidden = false;
      scanBtn.hidden = true;
      var played = video.play();
      if (played && played.catch) { played.catch(function () {}); }
      say(msg('scanning'));
      timer = setInterval(tick, %(interval)d);
    }).catch(function () { say(msg('nocam'), 'refused'); });
  });
  stopBtn.addEventListener('click', function () { stop(); say(''); });
  codePhoto.addEventListener('change', function () {
    var file = codePhoto.files && codePhoto.files[0];
    if (!file) { return; }
    say(msg('reading'));
    decode(file).then(function (j) {
      answer(j, true);
      if (j && j.matches && j.matches.length) { codePhoto.value = ''; }
    }).catch(function () { say(msg('error'), 'refused'); });
  });
  photo.addEventListener('change', function () {
    var file = photo.files && photo.files[0];
    if (preview.src) { URL.revokeObjectURL(preview.src); }
    if (!file) { preview.hidden = true; preview.removeAttribute('src'); return; }
    preview.src = URL.createObjectURL(file);
    preview.hidden = false;
  });
  field.addEventListener('input', function () { field.removeAttribute('data-filled-by'); });
  window.addEventListener('pagehide', stop);
})();
""" % {"interval": SCAN_INTERVAL_MS}
