/*
 * Run a fuzz target over files, without libFuzzer: the seeds and every
 * input that once crashed are replayed by make test.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "disclose.h"
#include "extern.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char *argv[])
{
	char	*data;
	size_t	 len;
	int	 i, n = 0;

	for (i = 1; i < argc; i++) {
		if ((data = readfile(argv[i], 16 * RECORD_MAX, &len)) == NULL) {
			perror(argv[i]);
			return 1;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		free(data);
		n++;
	}
	printf("ok %d inputs\n", n);
	return 0;
}
