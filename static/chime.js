// Roundtable chimes: short tones made with Web Audio (no audio files). Browsers let a page make
// sound only after a click on it: ``unlock`` runs inside one (the facilitator's first click).
// "talk": two falling notes at the end of a talk segment; "changeover": four rising notes when
// it is time to move.
window.RoundtableChime = (function () {
  "use strict";
  var ctx = null;
  var clicked = false; // a click has let the page make sound
  var PATTERNS = {
    talk: { wave: "sine", notes: [[880, 0], [659.25, 0.32]] },
    changeover: { wave: "triangle", notes: [[523.25, 0], [659.25, 0.16], [783.99, 0.32], [1046.5, 0.48]] }
  };

  function context() {
    if (!ctx) {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return null;
      ctx = new Ctx();
    }
    return ctx;
  }

  // Call inside a click: the browser then lets the context run.
  function unlock() {
    try {
      if (!context()) return false;
      if (ctx.state === "suspended") ctx.resume();
      clicked = true;
      return true;
    } catch (e) { return false; }
  }

  // Without a click first, the browser keeps the context silent unless its policy allows sound
  // (a kiosk set up to autoplay): asking costs nothing and never goes around the rule.
  function play(kind) {
    var pattern = PATTERNS[kind];
    try { if (!pattern || !context()) return false; } catch (e) { return false; }
    try {
      pattern.notes.forEach(function (note) {
        var osc = ctx.createOscillator(), gain = ctx.createGain();
        var at = ctx.currentTime + note[1];
        osc.type = pattern.wave;
        osc.frequency.value = note[0];
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.35, at + 0.03);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.9);
        osc.connect(gain);
        gain.connect(ctx.destination);
        osc.start(at);
        osc.stop(at + 0.95);
      });
      return true;
    } catch (e) { return false; }
  }

  return {
    unlock: unlock,
    play: play,
    unlocked: function () { return clicked || (ctx !== null && ctx.state === "running"); }
  };
})();
