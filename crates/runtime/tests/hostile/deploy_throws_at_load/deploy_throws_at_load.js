// Threat: a module that throws at load (at deploy)
throw new Error('refusing to load');
