// Everything the participant's live page runs, in the order a page of module scripts would run
// it: the clock, then the board, as one module graph (see static/shared/boot.js, which loads
// this after the page has painted).
import "./main.js";
import "../board/main.js";
