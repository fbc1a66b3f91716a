// livechain live option chain: GET /options/underlyings for the selectors, then /ws/options for a
// snapshot followed by deltas (only the legs that changed, at most 10 messages a second).
(function () {
  'use strict';

  var DASH = '\u2013';
  var SIDE_FIELDS = ['oi', 'oiChange', 'iv', 'delta', 'change', 'ltp']; // CE, outside in; PE mirrors it
  var PRICE = new Intl.NumberFormat('en-IN', {minimumFractionDigits: 2, maximumFractionDigits: 2});
  var QTY = new Intl.NumberFormat('en-IN', {maximumFractionDigits: 0});

  var $ = function (id) { return document.getElementById(id); };
  var ui = {
    underlying: $('underlying'), expiry: $('expiry'), window: $('window'), rows: $('rows'), main: $('main'),
    spotSymbol: $('spot-symbol'), spotLtp: $('spot-ltp'), spotChange: $('spot-change'),
    source: $('source-badge'), stale: $('stale-badge'), conn: $('conn-badge'), message: $('message'), market: $('market'),
    pcr: $('pcr'), ceOi: $('ce-oi'), peOi: $('pe-oi'), maxPain: $('max-pain'), lot: $('lot'), step: $('step'),
    asOf: $('as-of')
  };

  var params = new URLSearchParams(location.search);
  var state = {
    underlyings: [],            // from GET /options/underlyings
    symbol: params.get('underlying'),
    expiry: params.get('expiry'), // the one the user picked; null = the nearest, rolling over when it closes
    shown: null,                // "SYMBOL expiry" of the table on screen
    rows: new Map(),            // strike (string) -> {tr, strike, ce: {cells, leg}, pe: {...}}
    order: [],                  // strikes ascending, as numbers
    spot: null,
    atm: null,
    feed: null,
    underlyingStale: false,
    scrolled: false
  };

  // ---- formatting: null is always a dash, never 0

  function price(v) { return v == null ? DASH : PRICE.format(v); }
  function qty(v) { return v == null ? DASH : QTY.format(v); }
  function signed(v, fmt) { return v == null ? DASH : (v > 0 ? '+' : '') + fmt(v); }
  function fixed(digits) { return function (v) { return v == null ? DASH : v.toFixed(digits); }; }
  function sign(el, v) {
    el.classList.toggle('up', v != null && v > 0);
    el.classList.toggle('down', v != null && v < 0);
  }

  var FORMAT = {
    ltp: price,
    change: function (v) { return signed(v, PRICE.format); },
    oi: qty,
    oiChange: function (v) { return signed(v, QTY.format); },
    iv: fixed(2),
    delta: fixed(3)
  };

  function legValues(leg) {
    var change = leg.ltp != null && leg.prevClose != null ? leg.ltp - leg.prevClose : null;
    return {ltp: leg.ltp, change: change, oi: leg.oi, oiChange: leg.oiChange, iv: leg.iv, delta: leg.delta};
  }

  // ---- the table

  function cell(tr, cls) {
    var td = document.createElement('td');
    td.className = cls;
    tr.appendChild(td);
    return td;
  }

  function buildTable(chain) {
    state.rows.clear();
    state.order = [];
    var body = document.createDocumentFragment();
    chain.strikes.forEach(function (s) {
      var tr = document.createElement('tr');
      var key = String(s.strike);
      tr.dataset.strike = key;
      var row = {tr: tr, strike: s.strike, ce: {cells: {}, leg: null}, pe: {cells: {}, leg: null}};
      SIDE_FIELDS.forEach(function (f) { row.ce.cells[f] = cell(tr, 'ce ' + f); });
      var strikeCell = cell(tr, 'strike');
      strikeCell.textContent = String(s.strike);
      SIDE_FIELDS.slice().reverse().forEach(function (f) { row.pe.cells[f] = cell(tr, 'pe ' + f); });
      ['ce', 'pe'].forEach(function (side) {
        Object.keys(row[side].cells).forEach(function (f) { row[side].cells[f].dataset.leg = side; });
        updateLeg(row, side, s[side], false);
      });
      state.rows.set(key, row);
      state.order.push(s.strike);
      body.appendChild(tr);
    });
    ui.rows.replaceChildren(body);
  }

  function updateLeg(row, side, leg, flash) {
    var slot = row[side];
    if (!leg) {
      SIDE_FIELDS.forEach(function (f) { slot.cells[f].textContent = ''; });
      return;
    }
    var before = slot.leg ? legValues(slot.leg) : null;
    var now = legValues(leg);
    SIDE_FIELDS.forEach(function (f) {
      var td = slot.cells[f];
      td.textContent = FORMAT[f](now[f]);
      td.classList.toggle('stale', !!leg.stale);
      if (f === 'change' || f === 'oiChange') {
        sign(td, now[f]);
      }
    });
    slot.cells.ltp.title = 'Bid ' + price(leg.bid) + ' \u00d7 ' + qty(leg.bidQty) + '   Ask ' + price(leg.ask) + ' \u00d7 '
        + qty(leg.askQty) + '   Vol ' + qty(leg.volume) + (leg.stale ? '   (stale: no recent tick)' : '');
    if (flash && before && before.ltp != null && now.ltp != null && now.ltp !== before.ltp) {
      flashCell(slot.cells.ltp, now.ltp > before.ltp);
    }
    slot.leg = leg;
  }

  // The Web Animations API restarts cleanly on every tick without forcing a layout; the inset shadow
  // paints over the ITM shading instead of replacing it.
  function flashCell(td, up) {
    var colour = up ? '63, 185, 80' : '248, 81, 73';
    if (td.animate) {
      td.animate([{boxShadow: 'inset 0 0 0 100px rgba(' + colour + ', 0.38)'},
        {boxShadow: 'inset 0 0 0 100px rgba(' + colour + ', 0)'}], {duration: 600, easing: 'ease-out'});
    }
  }

  // ATM highlight, ITM shading (calls below spot, puts above) and the strike window around ATM.
  function shade() {
    var spot = state.spot;
    var atmIndex = state.atm == null ? -1 : state.order.indexOf(state.atm);
    var each = Number(ui.window.value);
    state.order.forEach(function (strike, i) {
      var row = state.rows.get(String(strike));
      var cls = row.tr.classList;
      cls.toggle('atm', strike === state.atm);
      cls.toggle('ce-itm', spot != null && strike < spot);
      cls.toggle('pe-itm', spot != null && strike > spot);
      cls.toggle('hidden', each > 0 && atmIndex >= 0 && Math.abs(i - atmIndex) > each);
    });
  }

  function scrollToAtm() {
    var row = state.atm == null ? null : state.rows.get(String(state.atm));
    if (row && !state.scrolled) {
      row.tr.scrollIntoView({block: 'center'});
      state.scrolled = true;
    }
  }

  // ---- header and footer

  function showUnderlying(u, source, feed) {
    state.spot = u.ltp;
    state.feed = feed;
    state.underlyingStale = !!u.stale;
    ui.spotSymbol.textContent = u.symbol;
    var before = ui.spotLtp.textContent;
    ui.spotLtp.textContent = price(u.ltp);
    if (before !== DASH && before !== ui.spotLtp.textContent && u.ltp != null) {
      flashCell(ui.spotLtp, Number(before.replace(/,/g, '')) < u.ltp);
    }
    ui.spotChange.textContent = u.change == null ? DASH
        : signed(u.change, PRICE.format) + ' (' + signed(u.changePct, fixed(2)) + '%)';
    sign(ui.spotChange, u.change);
    document.title = u.symbol + ' ' + price(u.ltp) + ' \u00b7 livechain';

    ui.source.hidden = !source;
    ui.source.textContent = source === 'SIMULATED' ? 'SIMULATED' : 'DHAN';
    ui.source.className = 'badge ' + (source === 'SIMULATED' ? 'sim' : 'ok');
    ui.source.title = source === 'SIMULATED' ? 'Prices come from the embedded simulator, not the market' : 'Live prices from Dhan';
    showStale();
    showMarket(feed && feed.market);
  }

  // The exchange calendar's verdict (push feed.market): closed and why, and what the calendar is unsure of.
  var IST_OPEN = new Intl.DateTimeFormat('en-IN', {timeZone: 'Asia/Kolkata', weekday: 'short', day: 'numeric',
    month: 'short', hour: '2-digit', minute: '2-digit', hour12: false});
  function showMarket(market) {
    var parts = [];
    if (market && !market.open) {
      parts.push('Market closed: ' + market.reason
          + (market.nextOpen ? ' \u00b7 opens ' + IST_OPEN.format(new Date(market.nextOpen)) + ' IST' : ''));
    }
    if (market && market.notices) {
      parts = parts.concat(market.notices);
    }
    ui.market.hidden = parts.length === 0;
    ui.market.textContent = parts.join(' \u00b7 ');
  }

  function showStale() {
    var feedDown = state.feed && !state.feed.up;
    var stale = feedDown || state.underlyingStale;
    ui.stale.hidden = !stale || document.body.dataset.status !== 'live';
    ui.stale.textContent = feedDown ? 'STALE \u00b7 ' + String(state.feed.reason).toUpperCase() : 'STALE';
    ui.stale.title = feedDown ? 'The market-data feed is down: prices are the last received'
        : 'No tick for the underlying recently';
  }

  function showSummary(chain) {
    var s = chain.summary || {};
    ui.pcr.textContent = fixed(2)(s.pcr);
    ui.ceOi.textContent = qty(s.totalCeOi);
    ui.peOi.textContent = qty(s.totalPeOi);
    ui.maxPain.textContent = s.maxPain == null ? DASH : String(s.maxPain);
    ui.asOf.textContent = chain.asOf ? chain.asOf.substring(11, 19) : DASH;
  }

  function showConnection(status, text) {
    document.body.dataset.status = status;
    ui.conn.textContent = text;
    ui.conn.className = 'badge ' + (status === 'live' ? 'ok' : status === 'connecting' ? 'warn' : 'bad');
    showStale();
  }

  function showMessage(text) {
    ui.message.hidden = !text;
    ui.message.textContent = text || '';
  }

  // ---- messages

  function onSnapshot(msg) {
    var chain = msg.chain;
    var key = chain.underlying.symbol + ' ' + chain.expiry;
    if (state.shown !== key) {
      state.scrolled = false;
    }
    state.shown = key;
    state.symbol = chain.underlying.symbol;
    state.atm = chain.atmStrike;
    fillExpiries(chain.expiries, chain.expiry);
    ui.underlying.value = state.symbol;
    ui.lot.textContent = chain.lotSize == null ? DASH : String(chain.lotSize);
    ui.step.textContent = chain.strikeStep == null ? DASH : String(chain.strikeStep);
    buildTable(chain);
    showUnderlying(chain.underlying, chain.source, msg.feed);
    showSummary(chain);
    shade();
    scrollToAtm();
    showMessage(null);
  }

  function onDelta(msg) {
    if (state.shown !== msg.underlying.symbol + ' ' + msg.expiry) {
      return; // a late delta of the chain we just switched away from
    }
    msg.strikes.forEach(function (s) {
      var row = state.rows.get(String(s.strike));
      if (!row) {
        return;
      }
      if (s.ce) { updateLeg(row, 'ce', s.ce, true); }
      if (s.pe) { updateLeg(row, 'pe', s.pe, true); }
    });
    if (msg.expiries) {
      fillExpiries(msg.expiries, msg.expiry);
    }
    state.atm = msg.atmStrike;
    showUnderlying(msg.underlying, msg.source, msg.feed);
    showSummary(msg);
    shade();
    scrollToAtm();
  }

  function onError(msg) {
    showMessage(msg.detail);
    if (msg.retryAfter) {
      setTimeout(subscribe, msg.retryAfter * 1000);
    } else if (state.expiry && msg.available && msg.available.indexOf(state.expiry) < 0
        && msg.available.indexOf(state.symbol) < 0) {
      state.expiry = null; // the picked expiry closed: follow the nearest
      subscribe();
    }
  }

  // ---- the socket, with reconnect and backoff

  var socket = null;
  var attempt = 0;

  function connect() {
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/options';
    showConnection('connecting', attempt ? 'RECONNECTING' : 'CONNECTING');
    socket = new WebSocket(url);
    socket.onopen = function () {
      attempt = 0;
      subscribe();
    };
    socket.onmessage = function (event) {
      var msg = JSON.parse(event.data);
      if (msg.type === 'snapshot') {
        onSnapshot(msg);
        showConnection('live', 'LIVE');
      } else if (msg.type === 'delta') {
        onDelta(msg);
      } else if (msg.type === 'error') {
        onError(msg);
      }
    };
    socket.onclose = function (event) {
      socket = null;
      // 0.5 s, 1 s, 2 s ... up to 15 s, jittered so a restarted server is not hit by every tab at once.
      var delay = Math.min(15000, 500 * Math.pow(2, attempt++)) * (0.5 + Math.random() / 2);
      showConnection('reconnecting', 'DISCONNECTED \u00b7 retry in ' + Math.ceil(delay / 1000) + ' s');
      if (event.reason) {
        showMessage(event.reason);
      }
      setTimeout(connect, delay);
    };
  }

  function subscribe() {
    if (!socket || socket.readyState !== WebSocket.OPEN || !state.symbol) {
      return;
    }
    var request = {underlying: state.symbol};
    if (state.expiry) {
      request.expiry = state.expiry;
    }
    socket.send(JSON.stringify(request));
    var query = '?underlying=' + encodeURIComponent(state.symbol) + (state.expiry ? '&expiry=' + state.expiry : '');
    history.replaceState(null, '', location.pathname + query);
  }

  // ---- selectors

  function option(value, text) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    return o;
  }

  function expiryLabel(iso) {
    var date = new Date(iso + 'T00:00:00Z');
    var days = Math.round((date - Date.UTC(new Date().getFullYear(), new Date().getMonth(), new Date().getDate())) / 86400000);
    return date.toLocaleDateString('en-IN', {weekday: 'short', day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC'})
        + ' \u00b7 ' + days + 'd';
  }

  function fillExpiries(expiries, selected) {
    ui.expiry.replaceChildren.apply(ui.expiry, expiries.map(function (e) { return option(e, expiryLabel(e)); }));
    ui.expiry.value = selected;
  }

  function loadUnderlyings() {
    fetch('/options/underlyings', {headers: {Accept: 'application/json'}}).then(function (response) {
      if (response.status === 503) {
        var wait = Number(response.headers.get('Retry-After') || 5);
        showMessage('The option chains are still loading; retrying in ' + wait + ' s.');
        setTimeout(loadUnderlyings, wait * 1000);
        return null;
      }
      if (!response.ok) {
        throw new Error('GET /options/underlyings answered ' + response.status);
      }
      return response.json();
    }).then(function (body) {
      if (!body) {
        return;
      }
      showMessage(null);
      state.underlyings = body.underlyings;
      ui.underlying.replaceChildren.apply(ui.underlying, body.underlyings.map(function (u) {
        return option(u.symbol, u.symbol);
      }));
      var known = body.underlyings.map(function (u) { return u.symbol; });
      if (!state.symbol || known.indexOf(state.symbol.toUpperCase()) < 0) {
        state.symbol = known.indexOf('NIFTY') >= 0 ? 'NIFTY' : known[0];
        state.expiry = null;
      }
      state.symbol = state.symbol.toUpperCase();
      ui.underlying.value = state.symbol;
      var entry = body.underlyings.filter(function (u) { return u.symbol === state.symbol; })[0];
      fillExpiries(entry.expiries, state.expiry || entry.expiries[0]);
      connect();
    }).catch(function (e) {
      showMessage('Could not load the underlyings (' + e.message + '); retrying in 5 s.');
      setTimeout(loadUnderlyings, 5000);
    });
  }

  ui.underlying.addEventListener('change', function () {
    state.symbol = ui.underlying.value;
    state.expiry = null; // the nearest
    subscribe();
  });
  ui.expiry.addEventListener('change', function () {
    state.expiry = ui.expiry.value;
    subscribe();
  });
  ui.window.addEventListener('change', function () {
    shade();
    state.scrolled = false;
    scrollToAtm();
  });

  loadUnderlyings();
}());
