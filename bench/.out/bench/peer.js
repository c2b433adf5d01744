"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HTTP_REQUEST_VERSION = exports.HTTP_REQUEST_TYPE = exports.DEPS_MODULES = exports.PEER_DIR = exports.ROOT = void 0;
exports.peerVersion = peerVersion;
exports.loadHttpRequestNode = loadHttpRequestNode;
/**
 * n8n's own HTTP Request node, from the n8n-nodes-base tarball that scripts/fetch-peer.sh unpacks into
 * .peer/ (same version as the n8n-core we run). Its few modules that n8n-core does not bring are in
 * bench/.deps (bench/setup.sh), found through NODE_PATH, which bench/run.ts sets for its workers.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
/** The project root, from bench/.out/bench/ (compiled) or bench/ (sources). */
exports.ROOT = [(0, node_path_1.join)(__dirname, '../../..'), (0, node_path_1.join)(__dirname, '..')].find((dir) => (0, node_fs_1.existsSync)((0, node_path_1.join)(dir, 'package.json')) && (0, node_fs_1.existsSync)((0, node_path_1.join)(dir, 'bench')));
exports.PEER_DIR = (0, node_path_1.join)(exports.ROOT, '.peer/n8n-nodes-base');
exports.DEPS_MODULES = (0, node_path_1.join)(exports.ROOT, 'bench/.deps/node_modules');
exports.HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';
exports.HTTP_REQUEST_VERSION = 4.2;
function peerVersion() {
    return require((0, node_path_1.join)(exports.PEER_DIR, 'package.json')).version;
}
function loadHttpRequestNode() {
    const file = (0, node_path_1.join)(exports.PEER_DIR, 'dist/nodes/HttpRequest/HttpRequest.node.js');
    if (!(0, node_fs_1.existsSync)(file))
        throw new Error(`${file} is missing: run bash bench/setup.sh`);
    try {
        const mod = require(file);
        return new mod.HttpRequest();
    }
    catch (error) {
        throw new Error(`Loading n8n's HTTP Request node failed (${error.message}): run bash bench/setup.sh`);
    }
}
