// The asset step of the build: tsc compiles the code, this copies what it does not (icons, codex files).
const { src, dest, parallel } = require('gulp');

function nodeAssets() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json'], { encoding: false }).pipe(dest('dist/nodes'));
}

function sharedIcons() {
	return src('icons/**/*.{svg,png}', { encoding: false }).pipe(dest('dist/icons'));
}

function credentialIcons() {
	return src('credentials/**/*.{svg,png}', { encoding: false, allowEmpty: true }).pipe(dest('dist/credentials'));
}

exports['build:assets'] = parallel(nodeAssets, sharedIcons, credentialIcons);
exports.default = exports['build:assets'];
