"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.systemClock = void 0;
/** Time as the engine sees it: injected so that tests run on virtual time and never really wait. */
const n8n_workflow_1 = require("n8n-workflow");
/** Real time: `Date.now` and n8n-workflow's abortable `sleep`. */
exports.systemClock = {
    now: () => Date.now(),
    sleep: async (ms, signal) => await (0, n8n_workflow_1.sleep)(Math.max(0, ms), signal),
};
